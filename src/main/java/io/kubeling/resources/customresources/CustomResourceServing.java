package io.kubeling.resources.customresources;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StoredChange;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.Subscription;
import io.kubeling.resources.common.WebhookPoster;

/**
 * Serves the custom resources of every CRD whose names are accepted, from before the server answers (so that
 * after a restart they are served at once) and as CRDs change, as kube's customresource handler does; a CRD
 * that is gone stops being served. Only the resources of the changed CRD are touched.
 */
@Component
public class CustomResourceServing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceServing.class);

    private final Registry registry;
    private final SubresourceEndpoints endpoints;
    private final ObjectCodec codec;
    private final WebhookPoster webhooks;
    /** What each CRD serves, by CRD name: the state it was built from and the versions. */
    private final Map<String, Served> served = new HashMap<>();
    private volatile Subscription subscription;

    private record Served(String state, GroupResource resource, List<String> versions) {
    }

    /** Without a way to call conversion webhooks: each call fails, as one to an unreachable webhook. */
    public CustomResourceServing(Registry registry, SubresourceEndpoints endpoints, ObjectCodec codec) {
        this(registry, endpoints, codec, (config, review, timeout) -> java.util.concurrent.CompletableFuture
                .failedFuture(new IllegalStateException("no webhook client")));
    }

    @Autowired
    public CustomResourceServing(Registry registry, SubresourceEndpoints endpoints, ObjectCodec codec,
            WebhookPoster webhooks) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.codec = codec;
        this.webhooks = webhooks;
    }

    /** Before the web server and the controllers. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    @Override
    public void start() {
        ResourceStore<CustomResourceDefinition> store = registry.store(CustomResourceDefinition.class);
        subscription = store.subscribe(change -> onChange(store, change));
        for (CustomResourceDefinition crd : store.list(null, ListOptions.ALL).items()) {
            sync(crd.getMetadata().getName(), crd);
        }
    }

    private void onChange(ResourceStore<CustomResourceDefinition> store, StoredChange change) {
        String name = change.key().substring(change.key().lastIndexOf('/') + 1);
        try {
            sync(name, change.value() == null ? null : store.shared(change.value(), change.revision()));
        } catch (RuntimeException e) {
            log.warn("cannot serve the custom resources of {}", name, e);
        }
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    /** Serves what {@code crd} defines, or nothing when it is null (deleted) or its names are not accepted. */
    synchronized void sync(String name, CustomResourceDefinition crd) {
        boolean serve = crd != null && CrdConditions.isTrue(crd, CrdConditions.NAMES_ACCEPTED)
                && crd.getStatus().getAcceptedNames() != null && crd.getStatus().getAcceptedNames().getPlural() != null
                && !crd.getStatus().getAcceptedNames().getPlural().isEmpty();
        Served before = served.get(name);
        if (!serve) {
            if (before != null) {
                withdraw(before);
                served.remove(name);
            }
            return;
        }
        String state = state(crd);
        if (before != null && before.state().equals(state)) {
            return;
        }
        List<ResourceDefinition<GenericKubernetesResource>> defs = CustomResourceDefinitions.of(crd, webhooks);
        GroupResource resource = new GroupResource(crd.getSpec().getGroup(),
                crd.getStatus().getAcceptedNames().getPlural());
        List<String> versions = defs.stream().map(ResourceDefinition::version).toList();
        if (before != null) {
            for (String v : before.versions()) {
                if (!versions.contains(v) || !before.resource().equals(resource)) {
                    registry.withdraw(before.resource().group(), v, before.resource().resource());
                }
            }
            endpoints.remove(before.resource(), "scale");
        }
        defs.forEach(registry::serve);
        CustomResourceDefinitionVersion scale = CustomResourceDefinitions.scaleVersion(crd);
        if (scale != null) {
            endpoints.register(new CustomResourceScale(registry, codec, resource, scale.getName(),
                    scale.getSubresources().getScale()));
        }
        served.put(name, new Served(state, resource, versions));
    }

    private void withdraw(Served served) {
        endpoints.remove(served.resource(), "scale");
        for (String v : served.versions()) {
            registry.withdraw(served.resource().group(), v, served.resource().resource());
        }
    }

    /** What the served definitions are built from: the spec, the accepted names and whether it is terminating. */
    private String state(CustomResourceDefinition crd) {
        return codec.mapper().writeValueAsString(crd.getSpec()) + codec.mapper().writeValueAsString(
                crd.getStatus().getAcceptedNames()) + (crd.getMetadata().getDeletionTimestamp() != null)
                + Objects.toString(crd.getMetadata().getUid());
    }
}
