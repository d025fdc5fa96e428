package io.kubeling.controllers;

import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteAudit;

/**
 * The simulated components' writes put to the server's authorizer as a client's request is: a component acts as
 * its own user ({@link Managers}), and kube authorizes the scheduler, the kubelets and the controllers like anyone.
 * A client request was authorized when it came in, and runs as the registry's {@link CurrentUser}; a write made
 * by someone else (a component, outside any request) is authorized here, before any other admission, with the
 * attributes its request would have had. A component refused is a bug of the simulation or of the bootstrap
 * policy, so it is logged as an error besides failing the write with kube's 403.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ComponentAuthorization implements Admission {

    private static final Logger log = LoggerFactory.getLogger(ComponentAuthorization.class);

    /** Authorization off, as in kube's AlwaysAllow mode: for clusters built without a policy. */
    public static final ComponentAuthorization ALLOW_ALL = new ComponentAuthorization(() -> Authorizer.ALWAYS_ALLOW);

    private final Supplier<Authorizer> authorizer;
    private final Supplier<WriteAudit> audit;

    /**
     * The authorizer and the audit are found when first needed (they depend on beans that depend on this one) and
     * kept once found: a bean lookup for every write a component makes cost more than the write's authorization.
     */
    @Autowired
    ComponentAuthorization(ObjectProvider<Authorizer> authorizer, ObjectProvider<WriteAudit> audit) {
        this(orElse(SingletonSupplier.of(authorizer::getIfAvailable), Authorizer.ALWAYS_ALLOW),
                orElse(SingletonSupplier.of(audit::getIfAvailable), WriteAudit.NONE));
    }

    private static <T> Supplier<T> orElse(SingletonSupplier<T> found, T otherwise) {
        return () -> {
            T bean = found.get();
            return bean == null ? otherwise : bean;
        };
    }

    public ComponentAuthorization(Supplier<Authorizer> authorizer) {
        this(authorizer, () -> WriteAudit.NONE);
    }

    public ComponentAuthorization(Supplier<Authorizer> authorizer, Supplier<WriteAudit> audit) {
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        UserInfo user = request.user();
        if (CurrentUser.get().map(user::equals).orElse(false)) {
            return request.object();
        }
        Authorizer decider = authorizer.get();
        if (decider == Authorizer.ALWAYS_ALLOW || user.groups().contains(UserInfo.MASTERS)) {
            annotate(true, "");
            return request.object();
        }
        String verb = switch (request.operation()) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
        };
        // a create names no object in its path, so the authorizer sees none, as kube's
        String name = request.operation() == Operation.CREATE ? "" : Objects.requireNonNullElse(request.name(), "");
        check(decider, user, verb, request.resource().group(), request.resource().version(),
                request.resource().plural(), request.subresource(), request.namespace(), name);
        return request.object();
    }

    /**
     * Runs a component's call of a subresource endpoint ({@code pods/binding}, {@code deployments/scale}) as a
     * request to it would run: authorized as {@code verb} on the subresource, then served as {@code user}, so the
     * writes it makes on the way count as that request's.
     */
    public <R> R call(UserInfo user, String verb, GroupResource resource, String version, String subresource,
            String namespace, String name, Supplier<R> body) {
        return WriteAudit.record(audit.get(), () -> new WriteAudit.Request(user, verb, resource.group(), version,
                resource.resource(), subresource, namespace, name), () -> {
                    Authorizer decider = authorizer.get();
                    if (decider != Authorizer.ALWAYS_ALLOW && !user.groups().contains(UserInfo.MASTERS)) {
                        check(decider, user, verb, resource.group(), version, resource.resource(), subresource,
                                namespace, name);
                    } else {
                        annotate(true, "");
                    }
                    try (CurrentUser.Scope scope = CurrentUser.open(user)) {
                        return body.get();
                    }
                }, result -> result instanceof HasMetadata object ? object : null,
                result -> verb.equals("create") ? 201 : 200);
    }

    /** The decision, on the audit event of the write it is made for, as kube's WithAuthorization annotates it. */
    private static void annotate(boolean allowed, String reason) {
        WriteAudit.annotate("authorization.k8s.io/decision", allowed ? "allow" : "forbid");
        WriteAudit.annotate("authorization.k8s.io/reason", reason == null ? "" : reason);
    }

    private static void check(Authorizer decider, UserInfo user, String verb, String group, String version,
            String resource, String subresource, String namespace, String name) {
        String ns = Objects.requireNonNullElse(namespace, "");
        String sub = Objects.requireNonNullElse(subresource, "");
        String path = path(group, version, resource, ns, name, sub);
        Authorizer.Decision decision = decider.authorize(new Authorizer.Attributes(user, verb, true, group, version,
                resource, sub, ns, name, path));
        if (decision.allowed()) {
            annotate(true, decision.reason());
            return;
        }
        // a component reads and writes back where kube's sends a patch (adopting a pod, dropping a finalizer)
        if (verb.equals("update")) {
            Authorizer.Decision patch = decider.authorize(new Authorizer.Attributes(user, "patch", true, group,
                    version, resource, sub, ns, name, path));
            if (patch.allowed()) {
                annotate(true, patch.reason());
                return;
            }
        }
        annotate(false, decision.reason());
        StatusException denied = forbidden(user, verb, group, resource, sub, ns, name, decision.reason());
        log.error("the simulation's component {} was refused: {}", user.name(), denied.getMessage());
        throw denied;
    }

    /** responsewriters.Forbidden's message, as the API answers a client refused. */
    static StatusException forbidden(UserInfo user, String verb, String group, String resource, String subresource,
            String namespace, String name, String reason) {
        String what = subresource.isEmpty() ? resource : resource + "/" + subresource;
        String message = "User \"" + user.name() + "\" cannot " + verb + " resource \"" + what + "\" in API group \""
                + group + "\"" + (namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace
                        + "\"");
        if (reason != null && !reason.isEmpty()) {
            message = message + ": " + reason;
        }
        return Errors.forbidden(new GroupResource(group, resource), name, message);
    }

    private static String path(String group, String version, String resource, String namespace, String name,
            String subresource) {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (!namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(resource);
        if (!name.isEmpty()) {
            path.append('/').append(name);
        }
        if (!subresource.isEmpty()) {
            path.append('/').append(subresource);
        }
        return path.toString();
    }
}
