package io.kubeling.resources.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Job's labels default to its template's, which kube's SetDefaults_Job does at every decode, a read from storage
 * too: a Job created without labels reads back with its template's, the generated ones among them, and its creator
 * owns only the labels it sent or that decoding gave it before the selector was generated.
 */
class JobLabelsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    ResourceStore<Job> jobs;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        Registry registry = new Registry(List.of(new JobResource().jobs()), storage.store(), new ObjectCodec(), clock,
                new NameGenerator(), List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        jobs = registry.store(Job.class);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private Job create(String name, String templateLabels) {
        Job job = JSON.readValue("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"template":{"metadata":{"labels":%s},"spec":{"restartPolicy":"Never",
                   "containers":[{"name":"main","image":"busybox"}]}}}}""".formatted(name, templateLabels), Job.class);
        return jobs.create("default", job, new WriteOptions(false, "creator"));
    }

    private static JsonNode owned(Job job) {
        return JSON.valueToTree(job.getMetadata().getManagedFields().get(0).getFieldsV1());
    }

    @Test
    void aJobWithoutLabelsTakesItsTemplatesGeneratedOnesUnowned() {
        Job created = create("plain", "null");

        String uid = created.getMetadata().getUid();
        assertThat(created.getMetadata().getLabels()).isEqualTo(Map.of("batch.kubernetes.io/controller-uid", uid,
                "batch.kubernetes.io/job-name", "plain", "controller-uid", uid, "job-name", "plain"));
        assertThat(jobs.get("default", "plain").getMetadata().getLabels()).isEqualTo(created.getMetadata().getLabels());
        assertThat(owned(created).path("f:metadata").has("f:labels")).isFalse();
    }

    @Test
    void aJobTakesItsTemplatesOwnLabelsAsDecodedAndOwnsThem() {
        Job created = create("labelled", "{\"app\":\"batch\"}");

        assertThat(created.getMetadata().getLabels()).isEqualTo(Map.of("app", "batch"));
        assertThat(owned(created).at("/f:metadata/f:labels")).isEqualTo(JSON.readTree("""
                {".":{},"f:app":{}}"""));
    }

    @Test
    void anUpdateThatDropsTheLabelsGetsTheTemplatesAgain() {
        Job created = create("relabelled", "{\"app\":\"batch\"}");

        Job updated = jobs.update("default", "relabelled", null, current -> {
            current.getMetadata().setLabels(null);
            return current;
        }, new WriteOptions(false, "editor")).object();

        assertThat(updated.getMetadata().getLabels()).containsEntry("app", "batch")
                .containsEntry("job-name", "relabelled").hasSize(5);
    }
}
