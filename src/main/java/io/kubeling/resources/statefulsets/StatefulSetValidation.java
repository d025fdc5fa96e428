package io.kubeling.resources.statefulsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.IntOrPercent;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.resources.pods.PodTemplates;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** ValidateStatefulSetSpec, ValidateStatefulSetUpdate and ValidateStatefulSetStatus, with kube's messages. */
final class StatefulSetValidation {

    private static final List<String> RETENTION = List.of("Retain", "Delete");

    private StatefulSetValidation() {
    }

    static List<FieldError> spec(StatefulSetSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        String policy = Objects.toString(spec.getPodManagementPolicy(), "");
        switch (policy) {
            case "" -> errs.add(FieldError.required("spec.podManagementPolicy", ""));
            case "OrderedReady", "Parallel" -> { }
            default -> errs.add(FieldError.invalid("spec.podManagementPolicy", policy,
                    "must be 'OrderedReady' or 'Parallel'"));
        }
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy() == null ? new StatefulSetUpdateStrategy()
                : spec.getUpdateStrategy();
        String type = Objects.toString(strategy.getType(), "");
        switch (type) {
            case "" -> errs.add(FieldError.required("spec.updateStrategy", ""));
            case "OnDelete" -> {
                if (strategy.getRollingUpdate() != null) {
                    errs.add(FieldError.invalid("spec.updateStrategy.rollingUpdate",
                            goRollingUpdate(strategy.getRollingUpdate()), "only allowed for updateStrategy 'RollingUpdate'"));
                }
            }
            case "RollingUpdate" -> {
                if (strategy.getRollingUpdate() != null) {
                    rollingUpdate(errs, strategy.getRollingUpdate(), "spec.updateStrategy.rollingUpdate");
                }
            }
            default -> errs.add(FieldError.invalid("spec.updateStrategy", goText("apps.StatefulSetUpdateStrategy{Type:"
                    + GoQuote.quote(type) + ", RollingUpdate:" + (strategy.getRollingUpdate() == null
                            ? "(*apps.RollingUpdateStatefulSetStrategy)(nil)" : "(*apps.RollingUpdateStatefulSetStrategy)(0xc000)")
                    + "}"), "must be 'RollingUpdate' or 'OnDelete'"));
        }
        StatefulSetPersistentVolumeClaimRetentionPolicy retention = spec.getPersistentVolumeClaimRetentionPolicy();
        if (retention != null) {
            retention(errs, retention.getWhenDeleted(), "spec.persistentVolumeClaimRetentionPolicy.whenDeleted");
            retention(errs, retention.getWhenScaled(), "spec.persistentVolumeClaimRetentionPolicy.whenScaled");
        }
        WorkloadValidation.nonNegative(errs, spec.getReplicas(), "spec.replicas");
        WorkloadValidation.nonNegative(errs, spec.getMinReadySeconds(), "spec.minReadySeconds");
        if (spec.getOrdinals() != null) {
            WorkloadValidation.nonNegative(errs, spec.getOrdinals().getStart(), "spec.ordinals.start");
        }
        LabelSelector selector = spec.getSelector();
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(selector, "spec.selector"));
            if (LabelSelectors.isEmpty(selector)) {
                errs.add(FieldError.invalid("spec.selector", LabelSelectors.goSelector(selector),
                        "empty selector is invalid for statefulset"));
            }
        }
        PodTemplateSpec template = spec.getTemplate();
        if (selector != null && SelectorText.rendered(selector).isEmpty()) {
            errs.add(FieldError.invalid("spec.selector", LabelSelectors.goSelector(selector), ""));
        } else if (template != null) {
            var labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
            // A nil selector converts to one that selects nothing, which no labels match.
            if (selector == null || !LabelSelectors.isEmpty(selector) && !LabelSelectors.matches(selector, labels)) {
                errs.add(FieldError.invalid("spec.template.metadata.labels", LabelSelectors.goMap(labels),
                        "`selector` does not match template `labels`"));
            }
            errs.addAll(PodTemplates.validateForStatefulSet(template, "spec.template"));
        }
        String restartPolicy = template == null || template.getSpec() == null ? ""
                : Objects.toString(template.getSpec().getRestartPolicy(), "");
        if (!restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restartPolicy, List.of("Always")));
        }
        if (template != null && template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in StatefulSet is not Supported"));
        }
        return errs;
    }

    private static void rollingUpdate(List<FieldError> errs, RollingUpdateStatefulSetStrategy update, String path) {
        WorkloadValidation.nonNegative(errs, update.getPartition(), path + ".partition");
        if (update.getMaxUnavailable() != null) {
            IntOrPercent.positive(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
            if (IntOrPercent.value(update.getMaxUnavailable()) == 0) {
                errs.add(FieldError.invalid(path + ".maxUnavailable", IntOrPercent.text(update.getMaxUnavailable()),
                        "cannot be 0"));
            }
            IntOrPercent.notMoreThan100Percent(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        }
    }

    private static void retention(List<FieldError> errs, String value, String path) {
        String v = Objects.toString(value, "");
        if (!RETENTION.contains(v)) {
            errs.add(FieldError.notSupported(path, v, RETENTION));
        }
    }

    /** The spec fields an update may change are replaced by the old ones; anything else left different is refused. */
    static List<FieldError> update(StatefulSetSpec spec, StatefulSetSpec old) {
        List<FieldError> errs = new ArrayList<>();
        StatefulSetSpec rest = new io.fabric8.kubernetes.api.model.apps.StatefulSetSpecBuilder(spec)
                .withReplicas(old.getReplicas()).withTemplate(old.getTemplate())
                .withUpdateStrategy(old.getUpdateStrategy()).withMinReadySeconds(old.getMinReadySeconds())
                .withOrdinals(old.getOrdinals())
                .withPersistentVolumeClaimRetentionPolicy(old.getPersistentVolumeClaimRetentionPolicy()).build();
        if (!rest.equals(old)) {
            errs.add(FieldError.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', "
                    + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                    + "'minReadySeconds' are forbidden"));
        }
        return errs;
    }

    static List<FieldError> status(StatefulSetStatus s, StatefulSetStatus old) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, s.getReplicas(), "status.replicas");
        WorkloadValidation.nonNegative(errs, s.getReadyReplicas(), "status.readyReplicas");
        WorkloadValidation.nonNegative(errs, s.getCurrentReplicas(), "status.currentReplicas");
        WorkloadValidation.nonNegative(errs, s.getUpdatedReplicas(), "status.updatedReplicas");
        WorkloadValidation.nonNegative(errs, s.getAvailableReplicas(), "status.availableReplicas");
        WorkloadValidation.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        WorkloadValidation.nonNegative(errs, s.getCollisionCount(), "status.collisionCount");
        int replicas = n(s.getReplicas());
        String msg = "cannot be greater than status.replicas";
        if (n(s.getReadyReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.readyReplicas", (long) n(s.getReadyReplicas()), msg));
        }
        if (n(s.getCurrentReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.currentReplicas", (long) n(s.getCurrentReplicas()), msg));
        }
        if (n(s.getUpdatedReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.updatedReplicas", (long) n(s.getUpdatedReplicas()), msg));
        }
        if (n(s.getAvailableReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.availableReplicas", (long) n(s.getAvailableReplicas()), msg));
        }
        if (n(s.getAvailableReplicas()) > n(s.getReadyReplicas())) {
            errs.add(FieldError.invalid("status.availableReplicas", (long) n(s.getAvailableReplicas()),
                    "cannot be greater than status.readyReplicas"));
        }
        if (old != null && old.getCollisionCount() != null
                && (s.getCollisionCount() == null || s.getCollisionCount() < old.getCollisionCount())) {
            errs.add(FieldError.invalid("status.collisionCount", (long) n(s.getCollisionCount()),
                    "cannot be decremented"));
        }
        return errs;
    }

    private static int n(Number v) {
        return v == null ? 0 : v.intValue();
    }

    /** The struct as field.Invalid prints it, with Go's %#v. */
    private static Object goRollingUpdate(RollingUpdateStatefulSetStrategy update) {
        String max = update.getMaxUnavailable() == null ? "(*intstr.IntOrString)(nil)" : "(*intstr.IntOrString)(0xc000)";
        return goText("apps.RollingUpdateStatefulSetStrategy{Partition:"
                + (update.getPartition() == null ? 0 : update.getPartition()) + ", MaxUnavailable:" + max + "}");
    }

    /** Text printed as it is, unquoted. */
    private static Object goText(String s) {
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }
}
