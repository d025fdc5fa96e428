package io.kubeling.resources.namespaces;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Admission;
import io.kubeling.registry.Errors;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.StatusException;

/**
 * Kube's NamespaceLifecycle admission: content goes only into namespaces that exist and are not
 * terminating, and the system namespaces cannot be deleted.
 */
@Component
class NamespaceLifecycle implements Admission {

    static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ObjectProvider<Registry> registry;

    NamespaceLifecycle(ObjectProvider<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object) {
        if (resource.type() == Namespace.class) {
            if (operation == Operation.DELETE && IMMORTAL.contains(object.getMetadata().getName())) {
                throw Errors.forbidden(resource.groupResource(), object.getMetadata().getName(),
                        "this namespace may not be deleted");
            }
            return;
        }
        if (!resource.namespaced() || operation != Operation.CREATE) {
            return;
        }
        Namespace ns = namespace(namespace);
        if (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())
                || ns.getMetadata().getDeletionTimestamp() != null) {
            StatusException forbidden = Errors.forbidden(resource.groupResource(), object.getMetadata().getName(),
                    "unable to create new content in namespace " + namespace + " because it is being terminated");
            StatusDetails details = forbidden.status().getDetails();
            details.setCauses(List.of(new StatusCause("metadata.namespace",
                    "namespace " + namespace + " is being terminated", "NamespaceTerminating")));
            throw forbidden;
        }
    }

    private Namespace namespace(String name) {
        return registry.getObject().store(Namespace.class).peek(null, name);
    }
}
