package io.kubeling.resources.statefulsets;

import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.kubeling.resources.pods.PodTemplates;

/**
 * apps/v1 SetDefaults_StatefulSet with kube 1.32's default feature gates (StatefulSetAutoDeletePVC on), and the
 * claim templates' own defaults (SetDefaults_PersistentVolumeClaim).
 */
final class StatefulSetDefaults {

    static final String RETAIN = "Retain";

    private StatefulSetDefaults() {
    }

    static void apply(StatefulSet sts) {
        if (sts.getSpec() == null) {
            sts.setSpec(new StatefulSetSpec());
        }
        StatefulSetSpec spec = sts.getSpec();
        if (spec.getPodManagementPolicy() == null || spec.getPodManagementPolicy().isEmpty()) {
            spec.setPodManagementPolicy("OrderedReady");
        }
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new StatefulSetUpdateStrategy());
        }
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) {
            strategy.setType("RollingUpdate");
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateStatefulSetStrategy());
            }
        }
        if ("RollingUpdate".equals(strategy.getType()) && strategy.getRollingUpdate() != null
                && strategy.getRollingUpdate().getPartition() == null) {
            strategy.getRollingUpdate().setPartition(0);
        }
        if (spec.getPersistentVolumeClaimRetentionPolicy() == null) {
            spec.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy());
        }
        StatefulSetPersistentVolumeClaimRetentionPolicy policy = spec.getPersistentVolumeClaimRetentionPolicy();
        if (policy.getWhenDeleted() == null || policy.getWhenDeleted().isEmpty()) {
            policy.setWhenDeleted(RETAIN);
        }
        if (policy.getWhenScaled() == null || policy.getWhenScaled().isEmpty()) {
            policy.setWhenScaled(RETAIN);
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplates.applyDefaults(spec.getTemplate());
        List<PersistentVolumeClaim> claims = spec.getVolumeClaimTemplates();
        if (claims != null) {
            claims.forEach(StatefulSetDefaults::claimDefaults);
        }
    }

    /** A claim template reads back as a PersistentVolumeClaim with its defaults, as kube serves it. */
    private static void claimDefaults(PersistentVolumeClaim claim) {
        claim.setApiVersion("v1");
        claim.setKind("PersistentVolumeClaim");
        if (claim.getMetadata() == null) {
            claim.setMetadata(new ObjectMeta());
        }
        if (claim.getSpec() == null) {
            claim.setSpec(new PersistentVolumeClaimSpec());
        }
        if (claim.getSpec().getVolumeMode() == null) {
            claim.getSpec().setVolumeMode("Filesystem");
        }
        if (claim.getStatus() == null) {
            claim.setStatus(new PersistentVolumeClaimStatus());
        }
        if (claim.getStatus().getPhase() == null || claim.getStatus().getPhase().isEmpty()) {
            claim.getStatus().setPhase("Pending");
        }
    }
}
