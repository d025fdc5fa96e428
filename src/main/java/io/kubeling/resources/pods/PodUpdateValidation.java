package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's ValidatePodUpdate: a running pod's spec is fixed except for container images, a shorter
 * active deadline, added tolerations, removed scheduling gates and a grace period lifted from a
 * negative value to 1. Any other change is refused with the list of what may change and a go-cmp
 * diff of the spec as it was against the spec as it would become.
 */
final class PodUpdateValidation {

    static final String UPDATABLE_FIELDS = String.join(",",
            "`spec.containers[*].image`",
            "`spec.initContainers[*].image`",
            "`spec.activeDeadlineSeconds`",
            "`spec.tolerations` (only additions to existing tolerations)",
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

    private PodUpdateValidation() {
    }

    static List<FieldError> validate(Pod pod, Pod old) {
        List<FieldError> errs = new ArrayList<>(PodValidation.validateMetadataAndSpec(pod));
        errs.addAll(mirrorAnnotation(annotations(pod), annotations(old)));
        PodSpec spec = PodValidation.specOf(pod);
        PodSpec oldSpec = PodValidation.specOf(old);

        boolean sameContainers =
                containerUpdates(errs, spec.getContainers(), oldSpec.getContainers(), "spec.containers")
                && containerUpdates(errs, spec.getInitContainers(), oldSpec.getInitContainers(), "spec.initContainers");
        if (!sameContainers) {
            return errs;
        }

        Long deadline = spec.getActiveDeadlineSeconds();
        Long oldDeadline = oldSpec.getActiveDeadlineSeconds();
        if (deadline != null) {
            if (deadline < 0 || deadline > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
                        PodSyntax.inclusiveRange(0, Integer.MAX_VALUE)));
                return errs;
            }
            if (oldDeadline != null && oldDeadline < deadline) {
                errs.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline,
                        "must be less than or equal to previous value"));
                return errs;
            }
        } else if (oldDeadline != null) {
            errs.add(FieldError.invalid("spec.activeDeadlineSeconds", null,
                    "must not update from a positive integer to nil value"));
        }

        errs.addAll(TolerationValidation.onlyAdded(spec.getTolerations(), oldSpec.getTolerations(),
                "spec.tolerations"));
        errs.addAll(onlyDeletedGates(spec.getSchedulingGates(), oldSpec.getSchedulingGates()));

        // an unchanged spec has nothing to revert, nor to report
        String diff = spec.equals(oldSpec) ? "" : SpecComparison.diff(oldSpec, munged(spec, oldSpec));
        if (!diff.isEmpty()) {
            errs.add(FieldError.forbidden("spec",
                    "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n" + diff));
        }
        return errs;
    }

    /** The new spec with every change an update may make reverted, so only forbidden ones remain. */
    private static PodSpec munged(PodSpec spec, PodSpec oldSpec) {
        PodSpec m = new PodSpecBuilder(spec).build();
        revertImages(m.getContainers(), oldSpec.getContainers());
        revertImages(m.getInitContainers(), oldSpec.getInitContainers());
        m.setActiveDeadlineSeconds(oldSpec.getActiveDeadlineSeconds());
        m.setSchedulingGates(oldSpec.getSchedulingGates());
        m.setTolerations(oldSpec.getTolerations());
        Long oldGrace = oldSpec.getTerminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Objects.equals(m.getTerminationGracePeriodSeconds(), 1L)) {
            m.setTerminationGracePeriodSeconds(oldGrace);
        }
        return m;
    }

    private static void revertImages(List<Container> containers, List<Container> old) {
        for (int i = 0; i < containers.size(); i++) {
            containers.get(i).setImage(old.get(i).getImage());
        }
    }

    /** kube's ValidateContainerUpdates; false when the container lists differ in length (and checking stops). */
    private static boolean containerUpdates(List<FieldError> errs, List<Container> containers, List<Container> old,
            String path) {
        if (containers.size() != old.size()) {
            errs.add(FieldError.forbidden(path, "pod updates may not add or remove containers"));
            return false;
        }
        for (int i = 0; i < containers.size(); i++) {
            String image = PodDefaults.nullToEmpty(containers.get(i).getImage());
            if (image.isEmpty()) {
                errs.add(FieldError.required(path + "[" + i + "].image", ""));
            }
            if (image.strip().length() != image.length()) {
                errs.add(FieldError.invalid(path + "[" + i + "].image", image,
                        "must not have leading or trailing whitespace"));
            }
        }
        return true;
    }

    private static List<FieldError> onlyDeletedGates(List<PodSchedulingGate> gates, List<PodSchedulingGate> old) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> oldNames = old.stream().map(PodSchedulingGate::getName).collect(Collectors.toSet());
        for (int i = 0; i < gates.size(); i++) {
            String name = gates.get(i).getName();
            if (!oldNames.contains(name)) {
                errs.add(FieldError.forbidden("spec.schedulingGates[" + i + "].name",
                        "only deletion is allowed, but found new scheduling gate '" + name + "'"));
            }
        }
        return errs;
    }

    /** A mirror pod stands for a static pod on a node; neither that marker nor its absence may change. */
    private static List<FieldError> mirrorAnnotation(Map<String, String> annotations, Map<String, String> old) {
        String key = PodDefaults.MIRROR_POD_ANNOTATION;
        String path = "metadata.annotations[" + key + "]";
        if (old.containsKey(key) && !Objects.equals(old.get(key), annotations.get(key))) {
            return List.of(FieldError.forbidden(path, "may not remove or update mirror pod annotation"));
        }
        if (!old.containsKey(key) && annotations.containsKey(key)) {
            return List.of(FieldError.forbidden(path, "may not add mirror pod annotation"));
        }
        return List.of();
    }

    private static Map<String, String> annotations(Pod pod) {
        if (pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null) {
            return Map.of();
        }
        return pod.getMetadata().getAnnotations();
    }
}
