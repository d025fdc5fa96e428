package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * Pod templates as the workload resources carry them: kube's SetDefaults_PodSpec (not the pod-only
 * defaults) and ValidatePodTemplateSpec, through the same rules a Pod is held to.
 */
public final class PodTemplates {

    private PodTemplates() {
    }

    /** Fills a template's defaults; creates the metadata and spec when missing. */
    public static void applyDefaults(PodTemplateSpec template) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        if (template.getSpec() == null) {
            template.setSpec(new PodSpec());
        }
        PodDefaults.applySpecDefaults(template.getSpec());
    }

    /** ValidatePodTemplateSpec at {@code path} (such as {@code spec.template}). */
    public static List<FieldError> validate(PodTemplateSpec template, String path) {
        List<FieldError> errs = new ArrayList<>();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        errs.addAll(PodValidation.labels(meta.getLabels(), path + ".metadata.labels"));
        errs.addAll(annotations(meta.getAnnotations(), path + ".metadata.annotations"));
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        errs.addAll(PodValidation.validateSpec(spec, null, path + ".spec"));
        if (spec.getEphemeralContainers() != null && !spec.getEphemeralContainers().isEmpty()) {
            errs.add(FieldError.forbidden(path + ".spec.ephemeralContainers",
                    "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /**
     * ValidatePodTemplateSpecForStatefulSet's checks of the template: its labels and annotations only, at kube's paths
     * ({@code spec.template.labels}), since its volume mounts may name the claim templates rather than volumes.
     */
    public static List<FieldError> validateForStatefulSet(PodTemplateSpec template, String path) {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        List<FieldError> errs = new ArrayList<>(PodValidation.labels(meta.getLabels(), path + ".labels"));
        errs.addAll(annotations(meta.getAnnotations(), path + ".annotations"));
        return errs;
    }

    /** ValidateLabels at {@code path}, for label maps outside templates (a replication controller's selector). */
    public static List<FieldError> labels(Map<String, String> labels, String path) {
        return PodValidation.labels(labels, path);
    }

    private static List<FieldError> annotations(Map<String, String> annotations, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (annotations != null) {
            annotations.keySet().forEach(k -> Names.qualifiedName(k.toLowerCase())
                    .forEach(m -> errs.add(FieldError.invalid(path, k, m))));
        }
        return errs;
    }
}
