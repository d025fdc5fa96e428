package io.kubeling.resources.ingresses;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Registry;
import io.kubeling.registry.Timestamps;

/**
 * kube's DefaultIngressClass admission: a new ingress that names no class, by field or by the old annotation, gets
 * the default class, the most recently created one when several are marked default.
 */
@Component
public class DefaultIngressClass implements Admission {

    /** The annotation that marks an ingress class as the default. */
    public static final String IS_DEFAULT = "ingressclass.kubernetes.io/is-default-class";

    private final Supplier<Registry> registry;

    @Autowired
    DefaultIngressClass(ObjectProvider<Registry> registry) {
        this(registry::getObject);
    }

    public DefaultIngressClass(Supplier<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (request.resource().type() != Ingress.class || request.operation() != Operation.CREATE
                || request.subresource() != null) {
            return request.object();
        }
        Ingress ingress = (Ingress) request.object();
        if (ingress.getSpec() == null) {
            ingress.setSpec(new IngressSpec());
        }
        Map<String, String> annotations = ingress.getMetadata() == null ? null
                : ingress.getMetadata().getAnnotations();
        if (ingress.getSpec().getIngressClassName() != null
                || annotations != null && annotations.containsKey(IngressStrategy.CLASS_ANNOTATION)) {
            return request.object();
        }
        IngressClass found = defaultClass(registry.get());
        if (found != null) {
            ingress.getSpec().setIngressClassName(found.getMetadata().getName());
        }
        return request.object();
    }

    /** The default ingress class, the newest of several, or null. */
    public static IngressClass defaultClass(Registry registry) {
        return registry.store(IngressClass.class).peekAll().stream()
                .filter(DefaultIngressClass::isDefault)
                .max(Comparator.comparing(c -> created(c)))
                .orElse(null);
    }

    public static boolean isDefault(IngressClass ingressClass) {
        Map<String, String> annotations = ingressClass.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(IS_DEFAULT));
    }

    private static Instant created(IngressClass ingressClass) {
        String created = ingressClass.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : Timestamps.parse(created);
    }
}
