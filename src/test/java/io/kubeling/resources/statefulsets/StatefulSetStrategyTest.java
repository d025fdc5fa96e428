package io.kubeling.resources.statefulsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

class StatefulSetStrategyTest {

    private static final ObjectCodec CODEC = new ObjectCodec();

    private final StatefulSetStrategy strategy = new StatefulSetStrategy();
    private final StatefulSetStatusStrategy status = new StatefulSetStatusStrategy();

    private static StatefulSet sts(String spec) {
        return CODEC.decode(("""
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web","namespace":"default"},
                 "spec":{%s}}""".formatted(spec)).getBytes(StandardCharsets.UTF_8), StatefulSet.class);
    }

    private static StatefulSet valid(String extra) {
        return sts(extra + """
                "serviceName":"web","selector":{"matchLabels":{"app":"web"}},
                "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
    }

    private List<String> create(StatefulSet sts) {
        strategy.applyDefaults(sts);
        strategy.prepareForCreate(sts);
        return messages(strategy.validate(sts));
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void defaultsAreKubes() {
        StatefulSet sts = valid("\"volumeClaimTemplates\":[{\"metadata\":{\"name\":\"www\"},\"spec\":{}}],");
        assertThat(create(sts)).isEmpty();
        var spec = sts.getSpec();
        assertThat(spec.getReplicas()).isEqualTo(1);
        assertThat(spec.getPodManagementPolicy()).isEqualTo("OrderedReady");
        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(spec.getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
        assertThat(spec.getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isNull();
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        var claim = spec.getVolumeClaimTemplates().get(0);
        assertThat(claim.getApiVersion()).isEqualTo("v1");
        assertThat(claim.getKind()).isEqualTo("PersistentVolumeClaim");
        assertThat(claim.getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(claim.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(sts.getStatus().getReplicas()).isZero();
        assertThat(sts.getStatus().getAvailableReplicas()).isZero();
        assertThat(strategy.nameRule()).isEqualTo(Strategy.NameRule.DNS1123_LABEL);
    }

    @Test
    void onDeleteKeepsNoRollingUpdateAndAPartitionIsKept() {
        StatefulSet onDelete = valid("\"updateStrategy\":{\"type\":\"OnDelete\"},");
        assertThat(create(onDelete)).isEmpty();
        assertThat(onDelete.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
        StatefulSet partitioned = valid("\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":2}},");
        assertThat(create(partitioned)).isEmpty();
        assertThat(partitioned.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(2);
    }

    @Test
    void specErrorsHaveKubesPathsAndMessages() {
        assertThat(create(valid("\"podManagementPolicy\":\"Random\",\"replicas\":-1,\"minReadySeconds\":-2,"
                + "\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Keep\"},"))).containsExactly(
                "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
                "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: "
                        + "\"Retain\", \"Delete\"",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0");
        assertThat(create(valid("\"updateStrategy\":{\"type\":\"RollingUpdate\","
                + "\"rollingUpdate\":{\"partition\":-1,\"maxUnavailable\":0}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0");
        assertThat(create(valid("\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":{}},")))
                .containsExactly("spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy"
                        + "{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy "
                        + "'RollingUpdate'");
        assertThat(create(valid("\"updateStrategy\":{\"type\":\"Sometimes\"},"))).containsExactly(
                "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Sometimes\", "
                        + "RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'");
        assertThat(create(valid("\"updateStrategy\":{\"type\":\"RollingUpdate\","
                + "\"rollingUpdate\":{\"maxUnavailable\":\"120%\"}},"))).containsExactly(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be greater than 100%");
        assertThat(create(sts("\"serviceName\":\"web\",\"selector\":{},\"template\":{\"metadata\":{\"labels\":"
                + "{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}")))
                .singleElement().asString().startsWith("spec.selector: Invalid value: v1.LabelSelector{")
                .endsWith(": empty selector is invalid for statefulset");
        assertThat(create(sts("\"serviceName\":\"web\",\"selector\":{\"matchLabels\":{\"app\":\"db\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"restartPolicy\":\"Never\","
                + "\"activeDeadlineSeconds\":5,\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}"))).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                        + "`selector` does not match template `labels`",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported");
    }

    @Test
    void updatesMayChangeOnlyReplicasTemplateStrategyRetentionOrdinalsAndMinReadySeconds() {
        StatefulSet old = valid("");
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        StatefulSet scaled = valid("\"replicas\":5,\"minReadySeconds\":3,");
        strategy.applyDefaults(scaled);
        strategy.prepareForUpdate(scaled, old);
        assertThat(strategy.validateUpdate(scaled, old)).isEmpty();
        assertThat(strategy.specChanged(scaled, old)).isTrue();
        assertThat(scaled.getStatus()).isEqualTo(old.getStatus());

        StatefulSet renamed = valid("");
        renamed.getSpec().setServiceName("other");
        strategy.applyDefaults(renamed);
        strategy.prepareForUpdate(renamed, old);
        assertThat(messages(strategy.validateUpdate(renamed, old))).containsExactly("spec: Forbidden: updates to "
                + "statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }

    @Test
    void statusCountsMustAgreeAndTheCollisionCountNeverGoesDown() {
        StatefulSet old = valid("");
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        old.getStatus().setCollisionCount(2);
        StatefulSet next = valid("\"replicas\":9,");
        next.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1)
                .withReadyReplicas(2).withAvailableReplicas(2).withCollisionCount(1).build());
        status.applyDefaults(next);
        status.prepareForUpdate(next, old);
        assertThat(next.getSpec()).isEqualTo(old.getSpec());
        assertThat(messages(status.validateUpdate(next, old))).containsExactly(
                "status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas",
                "status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas",
                "status.collisionCount: Invalid value: 1: cannot be decremented");
    }

    @Test
    void tableShowsReadyOutOfDesiredAndTheContainersWhenWide() {
        StatefulSet sts = valid("\"replicas\":3,");
        strategy.applyDefaults(sts);
        strategy.prepareForCreate(sts);
        sts.getStatus().setReadyReplicas(2);
        sts.getMetadata().setCreationTimestamp("2024-05-01T11:57:55Z");
        StatefulSetTable table = new StatefulSetTable();
        assertThat(table.columns()).extracting(c -> c.name() + "/" + c.priority())
                .containsExactly("Name/0", "Ready/0", "Age/0", "Containers/1", "Images/1");
        assertThat(table.cells(sts, Instant.parse("2024-05-01T12:00:00Z")))
                .containsExactly("web", "2/3", "2m5s", "c", "nginx");
    }
}
