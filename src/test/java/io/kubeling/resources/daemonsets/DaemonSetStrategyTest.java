package io.kubeling.resources.daemonsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.validation.FieldError;

class DaemonSetStrategyTest {

    private static final ObjectCodec CODEC = new ObjectCodec();
    private static final String GENERATION = "deprecated.daemonset.template.generation";

    private final DaemonSetStrategy strategy = new DaemonSetStrategy();
    private final DaemonSetStatusStrategy status = new DaemonSetStatusStrategy();

    private static DaemonSet ds(String extra) {
        return CODEC.decode(("""
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"default"},
                 "spec":{%s"selector":{"matchLabels":{"app":"agent"}},
                   "template":{"metadata":{"labels":{"app":"agent"}},
                     "spec":{"nodeSelector":{"disk":"ssd"},"containers":[{"name":"a","image":"agent:1"}]}}}}"""
                .formatted(extra)).getBytes(StandardCharsets.UTF_8), DaemonSet.class);
    }

    private List<String> create(DaemonSet ds) {
        strategy.applyDefaults(ds);
        strategy.prepareForCreate(ds);
        return messages(strategy.validate(ds));
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void defaultsAndTheTemplateGenerationAnnotation() {
        DaemonSet ds = ds("");
        assertThat(create(ds)).isEmpty();
        assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
        assertThat(ds.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(ds.getMetadata().getAnnotations()).containsEntry(GENERATION, "1");
        assertThat(ds.getStatus().getDesiredNumberScheduled()).isZero();
        assertThat(ds.getStatus().getNumberMisscheduled()).isZero();

        DaemonSet relabelled = ds("");
        relabelled.getMetadata().setLabels(java.util.Map.of("tier", "infra"));
        relabelled.getMetadata().setAnnotations(java.util.Map.of(GENERATION, "7"));
        strategy.applyDefaults(relabelled);
        strategy.prepareForUpdate(relabelled, ds);
        assertThat(relabelled.getMetadata().getAnnotations()).containsEntry(GENERATION, "1");
        assertThat(strategy.specChanged(relabelled, ds)).isFalse();

        DaemonSet newImage = ds("");
        newImage.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2");
        strategy.applyDefaults(newImage);
        strategy.prepareForUpdate(newImage, ds);
        assertThat(newImage.getMetadata().getAnnotations()).containsEntry(GENERATION, "2");
        assertThat(strategy.specChanged(newImage, ds)).isTrue();

        DaemonSet statusWrite = ds("");
        statusWrite.getMetadata().setAnnotations(java.util.Map.of(GENERATION, "9"));
        status.applyDefaults(statusWrite);
        status.prepareForUpdate(statusWrite, newImage);
        assertThat(statusWrite.getMetadata().getAnnotations()).containsEntry(GENERATION, "2");
        assertThat(statusWrite.getSpec()).isEqualTo(newImage.getSpec());
    }

    @Test
    void rollingUpdateTakesExactlyOneOfMaxSurgeAndMaxUnavailable() {
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
                + "{\"maxUnavailable\":1,\"maxSurge\":\"10%\"}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 10%: may not be set when maxUnavailable is non-zero");
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
                + "{\"maxUnavailable\":0,\"maxSurge\":0}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
                + "{\"maxUnavailable\":\"x\"}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: x: a valid percent string must be a "
                        + "numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is "
                        + "'[0-9]+%')",
                // a malformed percentage counts as 0, as kube's getIntOrPercentValue reads it
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
        // a number in a string is no percentage, but getIntOrPercentValue reads it as the number
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
                + "{\"maxUnavailable\":\"5\"}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 5: a valid percent string must be a "
                        + "numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is "
                        + "'[0-9]+%')");
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"OnDelete\"},"))).isEmpty();
        assertThat(create(ds("\"updateStrategy\":{\"type\":\"Sometimes\"},"))).containsExactly(
                "spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Sometimes\", "
                        + "RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", "
                        + "\"OnDelete\"");
    }

    @Test
    void theSelectorMustMatchAndMayNotChange() {
        DaemonSet old = ds("");
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        DaemonSet other = ds("");
        other.getSpec().getSelector().setMatchLabels(java.util.Map.of("app", "other"));
        strategy.applyDefaults(other);
        strategy.prepareForUpdate(other, old);
        assertThat(messages(strategy.validateUpdate(other, old))).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"agent\"}: "
                        + "`selector` does not match template `labels`",
                "spec.selector: Invalid value: " + io.kubeling.resources.common.LabelSelectors.goSelector(
                        other.getSpec().getSelector()) + ": field is immutable");
    }

    @Test
    void tablePrintsTheCountsAndTheNodeSelector() {
        DaemonSet ds = ds("");
        strategy.applyDefaults(ds);
        strategy.prepareForCreate(ds);
        ds.getMetadata().setCreationTimestamp("2024-05-01T11:57:55Z");
        ds.getStatus().setDesiredNumberScheduled(3);
        ds.getStatus().setCurrentNumberScheduled(3);
        ds.getStatus().setNumberReady(2);
        ds.getStatus().setUpdatedNumberScheduled(3);
        ds.getStatus().setNumberAvailable(2);
        DaemonSetTable table = new DaemonSetTable();
        assertThat(table.columns()).extracting(c -> c.name() + "/" + c.type() + "/" + c.priority()).containsExactly(
                "Name/string/0", "Desired/integer/0", "Current/integer/0", "Ready/integer/0", "Up-to-date/integer/0",
                "Available/integer/0", "Node Selector/string/0", "Age/string/0", "Containers/string/1",
                "Images/string/1", "Selector/string/1");
        assertThat(table.cells(ds, Instant.parse("2024-05-01T12:00:00Z")))
                .containsExactly("agent", 3L, 3L, 2L, 3L, 2L, "disk=ssd", "2m5s", "a", "agent:1", "app=agent");
    }
}
