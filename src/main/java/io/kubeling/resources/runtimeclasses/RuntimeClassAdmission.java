package io.kubeling.resources.runtimeclasses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * kube's RuntimeClass admission plugin on new pods: the class named in {@code runtimeClassName} must exist, its
 * overhead becomes the pod's, and its scheduling node selector and tolerations are merged into the pod's.
 */
@Component
public class RuntimeClassAdmission implements Admission {

    private final Supplier<Registry> registry;

    @Autowired
    RuntimeClassAdmission(ObjectProvider<Registry> registry) {
        this(registry::getObject);
    }

    public RuntimeClassAdmission(Supplier<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (request.resource().type() != Pod.class || request.subresource() != null
                || request.operation() != Operation.CREATE || request.object() == null) {
            return request.object();
        }
        Pod pod = (Pod) request.object();
        PodSpec spec = pod.getSpec();
        if (spec == null || spec.getRuntimeClassName() == null) {
            if (spec != null && spec.getOverhead() != null && !spec.getOverhead().isEmpty()) {
                throw forbidden(request, pod, "pod rejected: Overhead set without corresponding RuntimeClass");
            }
            return request.object();
        }
        RuntimeClass runtimeClass = find(spec.getRuntimeClassName());
        if (runtimeClass == null) {
            throw forbidden(request, pod, "pod rejected: RuntimeClass \"" + spec.getRuntimeClassName() + "\" not found");
        }
        if (runtimeClass.getOverhead() != null && runtimeClass.getOverhead().getPodFixed() != null) {
            if (spec.getOverhead() != null && !spec.getOverhead().isEmpty()
                    && !spec.getOverhead().equals(runtimeClass.getOverhead().getPodFixed())) {
                throw forbidden(request, pod, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined "
                        + "Overhead");
            }
            spec.setOverhead(new HashMap<>(runtimeClass.getOverhead().getPodFixed()));
        }
        if (runtimeClass.getScheduling() != null) {
            schedule(request, pod, spec, runtimeClass);
        }
        return request.object();
    }

    private static void schedule(AdmissionRequest<?> request, Pod pod, PodSpec spec, RuntimeClass runtimeClass) {
        Map<String, String> selector = runtimeClass.getScheduling().getNodeSelector();
        if (selector != null && !selector.isEmpty()) {
            Map<String, String> merged = spec.getNodeSelector() == null ? new HashMap<>()
                    : new HashMap<>(spec.getNodeSelector());
            for (Map.Entry<String, String> entry : new TreeMap<>(selector).entrySet()) {
                String own = merged.get(entry.getKey());
                if (own != null && !own.equals(entry.getValue())) {
                    throw forbidden(request, pod, "conflict: runtimeClass.scheduling.nodeSelector[" + entry.getKey()
                            + "] = " + entry.getValue() + "; pod.spec.nodeSelector[" + entry.getKey() + "] = " + own);
                }
                merged.put(entry.getKey(), entry.getValue());
            }
            spec.setNodeSelector(merged);
        }
        List<Toleration> tolerations = runtimeClass.getScheduling().getTolerations();
        if (tolerations != null && !tolerations.isEmpty()) {
            List<Toleration> merged = spec.getTolerations() == null ? new ArrayList<>()
                    : new ArrayList<>(spec.getTolerations());
            for (Toleration toleration : tolerations) {
                if (!merged.contains(toleration)) {
                    merged.add(toleration);
                }
            }
            spec.setTolerations(merged);
        }
    }

    private RuntimeClass find(String name) {
        try {
            return registry.get().store(RuntimeClass.class).peek(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static StatusException forbidden(AdmissionRequest<?> request, Pod pod, String why) {
        String name = request.name();
        if ((name == null || name.isEmpty()) && pod.getMetadata() != null) {
            name = pod.getMetadata().getName() != null && !pod.getMetadata().getName().isEmpty()
                    ? pod.getMetadata().getName() : pod.getMetadata().getGenerateName();
        }
        return Errors.forbidden(request.resource().groupResource(), name == null || name.isEmpty() ? "Unknown" : name,
                why);
    }
}
