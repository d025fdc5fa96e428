package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * The rules of the {@code pods} resource, after kube's podStrategy and the admission plugins that
 * complete a pod: defaults and a fresh Pending status on create, a spec that only changes in the
 * ways kube allows, and graceful deletion that waits only for pods a kubelet is running.
 */
public class PodStrategy implements Strategy<Pod> {

    public PodStrategy() {
    }

    @Override
    public void applyDefaults(Pod pod) {
        PodDefaults.applyDecodeDefaults(pod);
    }

    /**
     * What kube's admission plugins (ServiceAccount, Priority, DefaultTolerationSeconds) and podStrategy add. No
     * metadata.generation: kube's pods carry one from 1.33 (KEP 5067), and the API is 1.32's.
     */
    @Override
    public void prepareForCreate(Pod pod) {
        PodDefaults.admitCreate(pod);
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        status.setQosClass(PodQos.compute(pod.getSpec()));
        pod.setStatus(status);
        applySchedulingGatedCondition(pod);
    }

    /** A pod held back by scheduling gates says so in its PodScheduled condition from the start. */
    private static void applySchedulingGatedCondition(Pod pod) {
        if (pod.getSpec().getSchedulingGates().isEmpty()) {
            return;
        }
        PodCondition gated = new PodCondition();
        gated.setType("PodScheduled");
        gated.setStatus("False");
        gated.setReason("SchedulingGated");
        gated.setMessage("Scheduling is blocked due to non-empty scheduling gates");
        List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions());
        conditions.add(gated);
        pod.getStatus().setConditions(conditions);
    }

    @Override
    public List<FieldError> validate(Pod pod) {
        return PodValidation.validateCreate(pod);
    }

    /** The admission plugins keep the computed priority and re-add the default tolerations; the status stays. */
    @Override
    public void prepareForUpdate(Pod pod, Pod old) {
        PodDefaults.admitUpdate(pod, old);
        pod.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        return PodUpdateValidation.validate(pod, old);
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }

    @Override
    public Map<String, String> selectableFields(Pod pod) {
        PodSpec spec = spec(pod);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("spec.nodeName", PodDefaults.nullToEmpty(spec.getNodeName()));
        fields.put("spec.restartPolicy", PodDefaults.nullToEmpty(spec.getRestartPolicy()));
        fields.put("spec.schedulerName", PodDefaults.nullToEmpty(spec.getSchedulerName()));
        fields.put("spec.serviceAccountName", PodDefaults.nullToEmpty(spec.getServiceAccountName()));
        fields.put("spec.hostNetwork", Boolean.toString(Boolean.TRUE.equals(spec.getHostNetwork())));
        fields.put("status.phase", PodDefaults.nullToEmpty(status.getPhase()));
        fields.put("status.podIP", status.getPodIPs().isEmpty()
                ? PodDefaults.nullToEmpty(status.getPodIP())
                : PodDefaults.nullToEmpty(status.getPodIPs().get(0).getIp()));
        fields.put("status.nominatedNodeName", PodDefaults.nullToEmpty(status.getNominatedNodeName()));
        return fields;
    }

    /**
     * The requested grace period, else the pod's own; none at all for a pod no kubelet runs (not
     * scheduled) or that has finished, and 1 for a negative one.
     */
    @Override
    public OptionalLong gracePeriod(Pod pod, Long requested) {
        PodSpec spec = spec(pod);
        long period = 0;
        if (requested != null) {
            period = requested;
        } else if (spec.getTerminationGracePeriodSeconds() != null) {
            period = spec.getTerminationGracePeriodSeconds();
        }
        if (PodDefaults.isEmpty(spec.getNodeName())) {
            period = 0;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            period = 0;
        }
        if (period < 0) {
            period = 1;
        }
        return OptionalLong.of(period);
    }

    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public List<String> warnings(Pod pod) {
        return PodWarnings.onCreate(pod);
    }

    private static PodSpec spec(Pod pod) {
        return PodValidation.specOf(pod);
    }
}
