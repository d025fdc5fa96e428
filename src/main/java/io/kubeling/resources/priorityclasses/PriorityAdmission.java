package io.kubeling.resources.priorityclasses;

import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.StatusException;

/**
 * kube's Priority admission plugin: a new pod gets the value of its priority class, or of the global default class,
 * and the class's preemption policy; an unknown class, or a value or policy that disagrees with the class, is
 * refused. Only one class may be the global default, and the system classes cannot be deleted. It runs before the
 * admission webhooks, as in kube's plugin order.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class PriorityAdmission implements Admission {

    private final Supplier<Registry> registry;

    @Autowired
    PriorityAdmission(ObjectProvider<Registry> registry) {
        this(registry::getObject);
    }

    /** The plugin over the registry {@code registry} gives, once it is built. */
    public PriorityAdmission(Supplier<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object) {
        if (operation == Operation.DELETE && resource.type() == PriorityClass.class
                && SystemPriorityClasses.named(object.getMetadata().getName()) != null) {
            throw Errors.forbidden(resource.groupResource(), object.getMetadata().getName(),
                    "this is a system priority class and cannot be deleted");
        }
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (request.resource().type() != Pod.class || request.subresource() != null || request.object() == null
                || request.operation() == Operation.DELETE) {
            return request.object();
        }
        Pod pod = (Pod) request.object();
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        if (request.operation() == Operation.UPDATE) {
            // the priority set on create stays: validation refuses any other change to it
            PodSpec old = ((Pod) request.oldObject()).getSpec();
            if (old != null && spec.getPriority() == null) {
                spec.setPriority(old.getPriority());
            }
            if (old != null && spec.getPreemptionPolicy() == null) {
                spec.setPreemptionPolicy(old.getPreemptionPolicy());
            }
        } else if (request.operation() == Operation.CREATE) {
            admitNew(request, pod, spec);
        }
        return request.object();
    }

    private void admitNew(AdmissionRequest<?> request, Pod pod, PodSpec spec) {
        int priority = 0;
        String policy = null;
        String className = spec.getPriorityClassName();
        if (className == null || className.isEmpty()) {
            PriorityClass global = globalDefault();
            if (global != null) {
                spec.setPriorityClassName(global.getMetadata().getName());
                priority = value(global);
                policy = global.getPreemptionPolicy();
            }
        } else {
            PriorityClass pc = find(className);
            if (pc == null) {
                throw forbidden(request, pod, "no PriorityClass with name " + className + " was found");
            }
            priority = value(pc);
            policy = pc.getPreemptionPolicy();
        }
        if (spec.getPriority() != null && spec.getPriority() != priority) {
            throw forbidden(request, pod, "the integer value of priority (" + spec.getPriority()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        spec.setPriority(priority);
        if (policy != null) {
            if (spec.getPreemptionPolicy() != null && !spec.getPreemptionPolicy().equals(policy)) {
                throw forbidden(request, pod, "the string value of PreemptionPolicy (" + spec.getPreemptionPolicy()
                        + ") must not be provided in pod spec; priority admission controller computed " + policy
                        + " from the given PriorityClass name");
            }
            spec.setPreemptionPolicy(policy);
        }
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        if (request.resource().type() != PriorityClass.class || request.subresource() != null
                || request.operation() == Operation.DELETE) {
            return;
        }
        PriorityClass pc = (PriorityClass) request.object();
        if (!Boolean.TRUE.equals(pc.getGlobalDefault())) {
            return;
        }
        PriorityClass global = globalDefault();
        if (global != null && (request.operation() == Operation.CREATE
                || !global.getMetadata().getName().equals(pc.getMetadata().getName()))) {
            throw Errors.forbidden(request.resource().groupResource(), pc.getMetadata().getName(), "PriorityClass "
                    + global.getMetadata().getName() + " is already marked as default. Only one default can exist");
        }
    }

    /** The global default class, the lowest valued if a race left several, or null. */
    private PriorityClass globalDefault() {
        PriorityClass found = null;
        for (PriorityClass pc : registry.get().store(PriorityClass.class).peekAll()) {
            if (Boolean.TRUE.equals(pc.getGlobalDefault()) && (found == null || value(found) > value(pc))) {
                found = pc;
            }
        }
        return found;
    }

    private PriorityClass find(String name) {
        try {
            return registry.get().store(PriorityClass.class).peek(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static int value(PriorityClass pc) {
        return pc.getValue() == null ? 0 : pc.getValue();
    }

    /** admission.NewForbidden: named by the request's name, else the object's name or generateName. */
    private static StatusException forbidden(AdmissionRequest<?> request, Pod pod, String why) {
        String name = request.name();
        ObjectMeta meta = pod.getMetadata();
        if ((name == null || name.isEmpty()) && meta != null) {
            name = meta.getName() != null && !meta.getName().isEmpty() ? meta.getName() : meta.getGenerateName();
        }
        return Errors.forbidden(request.resource().groupResource(), name == null || name.isEmpty() ? "Unknown" : name,
                why);
    }
}
