package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * The rules of {@code pods/ephemeralcontainers}, after kube's podEphemeralContainersStrategy: only
 * the ephemeral containers change, and ValidatePodEphemeralContainersUpdate's checks apply (names
 * unique among all containers, a target that exists, the fields an ephemeral container may not
 * set, existing ones neither removed nor changed).
 */
public class PodEphemeralContainersStrategy implements Strategy<Pod> {

    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final String NOT_ALLOWED = "cannot be set for an Ephemeral Container";

    /** What decoding fills into the ephemeral containers sent, which their writer then owns, as in kube. */
    @Override
    public void applyDefaults(Pod pod) {
        if (pod.getSpec() != null) {
            for (EphemeralContainer e : pod.getSpec().getEphemeralContainers()) {
                defaults(e);
            }
        }
    }

    @Override
    public void prepareForUpdate(Pod pod, Pod old) {
        List<EphemeralContainer> wanted = pod.getSpec() == null ? new ArrayList<>()
                : new ArrayList<>(pod.getSpec().getEphemeralContainers());
        pod.setSpec(old.getSpec() == null ? null : new io.fabric8.kubernetes.api.model.PodSpecBuilder(old.getSpec())
                .build());
        pod.setStatus(old.getStatus());
        if (pod.getMetadata() != null && old.getMetadata() != null) {
            pod.getMetadata().setLabels(old.getMetadata().getLabels());
            pod.getMetadata().setAnnotations(old.getMetadata().getAnnotations());
            pod.getMetadata().setDeletionTimestamp(old.getMetadata().getDeletionTimestamp());
            pod.getMetadata().setOwnerReferences(old.getMetadata().getOwnerReferences());
            pod.getMetadata().setFinalizers(old.getMetadata().getFinalizers());
        }
        if (pod.getSpec() != null) {
            pod.getSpec().setEphemeralContainers(wanted);
        }
    }

    /** SetObjectDefaults_Pod for an ephemeral container: what decoding fills in. */
    private static void defaults(EphemeralContainer e) {
        if (PodDefaults.isEmpty(e.getImagePullPolicy())) {
            e.setImagePullPolicy(ImageReference.defaultPullPolicy(e.getImage()));
        }
        if (PodDefaults.isEmpty(e.getTerminationMessagePath())) {
            e.setTerminationMessagePath("/dev/termination-log");
        }
        if (PodDefaults.isEmpty(e.getTerminationMessagePolicy())) {
            e.setTerminationMessagePolicy("File");
        }
        if (e.getResources() == null) {
            e.setResources(new ResourceRequirements());
        }
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        List<FieldError> errs = new ArrayList<>();
        String path = "spec.ephemeralContainers";
        Set<String> others = new HashSet<>();
        pod.getSpec().getContainers().forEach(c -> others.add(c.getName()));
        pod.getSpec().getInitContainers().forEach(c -> others.add(c.getName()));
        Set<String> all = new HashSet<>(others);
        List<EphemeralContainer> containers = pod.getSpec().getEphemeralContainers();
        for (int i = 0; i < containers.size(); i++) {
            EphemeralContainer e = containers.get(i);
            String p = path + "[" + i + "]";
            errs.addAll(common(e, p));
            String name = PodDefaults.nullToEmpty(e.getName());
            if (!name.isEmpty() && !all.add(name)) {
                errs.add(FieldError.duplicate(p + ".name", name));
            }
            if (!PodDefaults.isEmpty(e.getTargetContainerName()) && !others.contains(e.getTargetContainerName())) {
                errs.add(FieldError.notFound(p + ".targetContainerName", e.getTargetContainerName()));
            }
            errs.addAll(notAllowed(e, p));
        }
        Map<String, EphemeralContainer> byName = new HashMap<>();
        containers.forEach(e -> byName.put(e.getName(), e));
        for (EphemeralContainer before : old.getSpec().getEphemeralContainers()) {
            EphemeralContainer now = byName.get(before.getName());
            if (now == null) {
                errs.add(FieldError.forbidden(path, "existing ephemeral containers \"" + before.getName()
                        + "\" may not be removed\n"));
            } else if (!Objects.equals(before, now)) {
                errs.add(FieldError.forbidden(path + "[" + before.getName() + "]", "existing ephemeral containers \""
                        + before.getName() + "\" may not be changed\n"));
            }
        }
        return errs;
    }

    private static List<FieldError> common(EphemeralContainer e, String p) {
        List<FieldError> errs = new ArrayList<>();
        String name = PodDefaults.nullToEmpty(e.getName());
        if (name.isEmpty()) {
            errs.add(FieldError.required(p + ".name", ""));
        } else {
            Names.dns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(p + ".name", name, msg)));
        }
        if (PodDefaults.isEmpty(e.getImage())) {
            errs.add(FieldError.required(p + ".image", ""));
        }
        String policy = PodDefaults.nullToEmpty(e.getTerminationMessagePolicy());
        if (!MESSAGE_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(p + ".terminationMessagePolicy", policy, MESSAGE_POLICIES));
        }
        String pull = PodDefaults.nullToEmpty(e.getImagePullPolicy());
        if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(p + ".imagePullPolicy", pull, PULL_POLICIES));
        }
        errs.addAll(EnvValidation.env(e.getEnv(), p + ".env"));
        return errs;
    }

    /** The fields outside kube's allow list for ephemeral containers, and subPath mounts. */
    private static List<FieldError> notAllowed(EphemeralContainer e, String p) {
        List<FieldError> errs = new ArrayList<>();
        if (!e.getPorts().isEmpty()) {
            errs.add(FieldError.forbidden(p + ".ports", NOT_ALLOWED));
        }
        ResourceRequirements r = e.getResources();
        if (r != null && ((r.getLimits() != null && !r.getLimits().isEmpty())
                || (r.getRequests() != null && !r.getRequests().isEmpty())
                || (r.getClaims() != null && !r.getClaims().isEmpty()))) {
            errs.add(FieldError.forbidden(p + ".resources", NOT_ALLOWED));
        }
        if (!e.getResizePolicy().isEmpty()) {
            errs.add(FieldError.forbidden(p + ".resizePolicy", NOT_ALLOWED));
        }
        if (e.getLifecycle() != null) {
            errs.add(FieldError.forbidden(p + ".lifecycle", NOT_ALLOWED));
        }
        if (e.getLivenessProbe() != null) {
            errs.add(FieldError.forbidden(p + ".livenessProbe", NOT_ALLOWED));
        }
        if (e.getReadinessProbe() != null) {
            errs.add(FieldError.forbidden(p + ".readinessProbe", NOT_ALLOWED));
        }
        if (e.getStartupProbe() != null) {
            errs.add(FieldError.forbidden(p + ".startupProbe", NOT_ALLOWED));
        }
        if (e.getRestartPolicy() != null && !e.getRestartPolicy().isEmpty()) {
            errs.add(FieldError.forbidden(p + ".restartPolicy", NOT_ALLOWED));
        }
        List<VolumeMount> mounts = e.getVolumeMounts();
        for (int i = 0; i < mounts.size(); i++) {
            if (!PodDefaults.isEmpty(mounts.get(i).getSubPath())) {
                errs.add(FieldError.forbidden(p + ".volumeMounts[" + i + "].subPath", NOT_ALLOWED));
            }
            if (!PodDefaults.isEmpty(mounts.get(i).getSubPathExpr())) {
                errs.add(FieldError.forbidden(p + ".volumeMounts[" + i + "].subPathExpr", NOT_ALLOWED));
            }
        }
        return errs;
    }
}
