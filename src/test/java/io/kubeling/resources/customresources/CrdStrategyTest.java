package io.kubeling.resources.customresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.CrdSamples;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** The CRD resource's own rules, through the generic store: kube's defaults, validation messages and deletion. */
class CrdStrategyTest {

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    ResourceStore<CustomResourceDefinition> crds;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        Registry registry = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        crds = registry.store(CustomResourceDefinition.class);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    /** CRDs print with kube's default table convertor: the name and the creation time as RFC 3339. */
    @Test
    void crdsPrintTheirNameAndCreationTime() {
        CustomResourceDefinition created = crds.create(null,
                CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"), WriteOptions.DEFAULT);

        var table = new CustomResourceDefinitionResource().customresourcedefinitions().table();
        assertThat(table.columns()).extracting(c -> c.name() + "/" + c.type()).containsExactly("Name/string",
                "Created At/date");
        assertThat(table.cells(created, clock.instant())).containsExactly("crontabs.stable.example.com",
                "2026-03-01T10:00:00Z");
    }

    @Test
    void createFillsKubesDefaultsAndTheStoredVersion() {
        CustomResourceDefinition crd = CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced");
        crd.getSpec().getNames().setSingular(null);
        crd.getSpec().getNames().setListKind(null);

        CustomResourceDefinition created = crds.create(null, crd, WriteOptions.DEFAULT);

        assertThat(created.getSpec().getNames().getSingular()).isEqualTo("crontab");
        assertThat(created.getSpec().getNames().getListKind()).isEqualTo("CronTabList");
        assertThat(created.getSpec().getConversion().getStrategy()).isEqualTo("None");
        assertThat(created.getStatus().getStoredVersions()).containsExactly("v1");
        assertThat(created.getStatus().getConditions()).isNullOrEmpty();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void namesGroupAndVersionsAreRefusedWithKubesMessages() {
        CustomResourceDefinition crd = CrdSamples.crd("example", "crontabs", "CronTab", "Namespaced");
        crd.getMetadata().setName("crontabs.other.com");
        crd.getSpec().getVersions().get(0).setStorage(false);
        crd.getSpec().getNames().setPlural("Cron_Tabs");
        crd.getSpec().setScope("Everywhere");

        assertThatThrownBy(() -> crds.create(null, crd, WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().getDetails().getCauses()).extracting(StatusCause::getField,
                            StatusCause::getMessage).contains(
                            org.assertj.core.groups.Tuple.tuple("metadata.name",
                                    "Invalid value: \"crontabs.other.com\": must be spec.names.plural+\".\"+spec.group"),
                            org.assertj.core.groups.Tuple.tuple("spec.group",
                                    "Invalid value: \"example\": should be a domain with at least one dot"),
                            org.assertj.core.groups.Tuple.tuple("spec.scope",
                                    "Unsupported value: \"Everywhere\": supported values: \"Cluster\", \"Namespaced\""),
                            org.assertj.core.groups.Tuple.tuple("spec.versions",
                                    "Invalid value: must have exactly one version marked as storage version"),
                            org.assertj.core.groups.Tuple.tuple("spec.names.plural", "Invalid value: \"Cron_Tabs\": "
                                    + "a DNS-1035 label must consist of lower case alphanumeric characters "
                                    + "or '-', start with an alphabetic character, and end with an alphanumeric "
                                    + "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                                    + "'[a-z]([-a-z0-9]*[a-z0-9])?')"));
                    assertThat(e.getMessage()).startsWith(
                            "CustomResourceDefinition.apiextensions.k8s.io \"crontabs.other.com\" is invalid: [");
                });
        assertThat(crds.list(null, io.kubeling.registry.ListOptions.ALL).items()).isEmpty();
    }

    @Test
    void groupAndPluralCannotChangeAndStoredVersionsMustStayInTheSpec() {
        CustomResourceDefinition created = crds.create(null,
                CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"), WriteOptions.DEFAULT);

        assertThatThrownBy(() -> crds.update(null, created.getMetadata().getName(), null, crd -> {
            crd.getSpec().getVersions().get(0).setName("v2");
            return crd;
        }, WriteOptions.DEFAULT)).isInstanceOfSatisfying(StatusException.class, e -> assertThat(
                e.status().getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("status.storedVersions[0]",
                        "Invalid value: \"v1\": must appear in spec.versions")));
    }

    @Test
    void theFirstDeleteMarksTheCrdTerminatingUnderTheCleanupFinalizer() {
        CustomResourceDefinition created = crds.create(null,
                CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"), WriteOptions.DEFAULT);

        var result = crds.delete(null, created.getMetadata().getName(), DeleteOptions.DEFAULT);

        assertThat(result.deleted()).isFalse();
        CustomResourceDefinition held = crds.get(null, created.getMetadata().getName());
        assertThat(held.getMetadata().getFinalizers()).containsExactly(CrdConditions.CLEANUP_FINALIZER);
        assertThat(held.getMetadata().getDeletionTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
        // kube's CRD storage marks it itself, not through BeforeDelete or markAsDeleting: the generation stays
        assertThat(held.getMetadata().getGeneration()).isEqualTo(1L);
        var terminating = CrdConditions.find(held, CrdConditions.TERMINATING);
        assertThat(terminating.getStatus()).isEqualTo("True");
        assertThat(terminating.getReason()).isEqualTo("InstanceDeletionPending");
        assertThat(terminating.getMessage())
                .isEqualTo("CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
    }
}
