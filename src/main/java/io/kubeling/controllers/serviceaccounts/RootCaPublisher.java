package io.kubeling.controllers.serviceaccounts;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.WriteOptions;
import io.kubeling.config.ServiceAccountProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.authentication.ClusterPki;

/**
 * kube's root CA certificate publisher: every active namespace holds the {@code kube-root-ca.crt} ConfigMap with
 * the cluster CA under {@code ca.crt}, which the pods' projected token volumes mount; it is made again when deleted
 * and put back when changed ({@code kubeling.service-accounts.publish-root-ca=false}: none of that).
 */
@Component
class RootCaPublisher implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("root-ca-cert-publisher");

    static final String NAME = "kube-root-ca.crt";
    static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using"
            + " internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is"
            + " guaranteed across distributions of Kubernetes clusters.";

    private final Registry registry;
    private final ChangeFeed feed;
    private final Supplier<String> caPem;
    private final WorkQueue queue = new WorkQueue("root-ca-cert-publisher", this::sync);
    private volatile ChangeFeed.Subscription namespaces;
    private volatile ChangeFeed.Subscription configMaps;

    private final boolean enabled;

    @Autowired
    RootCaPublisher(Registry registry, ChangeFeed feed, ClusterPki pki, ServiceAccountProperties properties) {
        this(registry, feed, pki::caPem, properties.publishRootCa());
    }

    RootCaPublisher(Registry registry, ChangeFeed feed, String caPem, boolean enabled) {
        this(registry, feed, () -> caPem, enabled);
    }

    /** With the CA read on the first sync, on the publisher's thread rather than the start's. */
    RootCaPublisher(Registry registry, ChangeFeed feed, Supplier<String> caPem, boolean enabled) {
        this.registry = registry;
        this.feed = feed;
        this.caPem = caPem;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        queue.start();
        if (!enabled) {
            return;
        }
        namespaces = feed.subscribe(Namespace.class, change -> {
            if (!change.deleted() && change.object().getMetadata().getDeletionTimestamp() == null) {
                queue.add(change.object().getMetadata().getName());
            }
        });
        configMaps = feed.subscribe(ConfigMap.class, change -> {
            if (NAME.equals(change.object().getMetadata().getName())) {
                queue.add(change.object().getMetadata().getNamespace());
            }
        });
        for (Namespace ns : registry.store(Namespace.class).list(null, ListOptions.ALL).items()) {
            queue.add(ns.getMetadata().getName());
        }
    }

    @Override
    public void stop() {
        if (namespaces != null) {
            namespaces.close();
            configMaps.close();
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    private void sync(String namespace) {
        try {
            Namespace ns = registry.store(Namespace.class).get(null, namespace);
            if (ns.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            ConfigMap existing = find(namespace);
            if (existing == null) {
                registry.store(ConfigMap.class).create(namespace, configMap(namespace, null),
                        WRITER);
            } else if (!Map.of("ca.crt", caPem.get()).equals(existing.getData())
                    || !DESCRIPTION.equals(annotation(existing))) {
                registry.store(ConfigMap.class).update(namespace, NAME, null,
                        current -> configMap(namespace, current), WRITER);
            }
        } catch (StatusException e) {
            // the namespace went, began terminating, or another write came first: a later change brings it back
            if (e.code() != 404 && e.code() != 409 && e.code() != 403) {
                throw e;
            }
        }
    }

    private static String annotation(ConfigMap map) {
        return map.getMetadata().getAnnotations() == null ? null
                : map.getMetadata().getAnnotations().get("kubernetes.io/description");
    }

    private ConfigMap find(String namespace) {
        try {
            return registry.store(ConfigMap.class).get(namespace, NAME);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private ConfigMap configMap(String namespace, ConfigMap existing) {
        ConfigMap map = new ConfigMap();
        ObjectMeta meta = existing == null ? new ObjectMeta()
                : new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(existing.getMetadata()).build();
        meta.setName(NAME);
        meta.setNamespace(namespace);
        Map<String, String> annotations = meta.getAnnotations() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(meta.getAnnotations());
        annotations.put("kubernetes.io/description", DESCRIPTION);
        meta.setAnnotations(annotations);
        map.setMetadata(meta);
        map.setData(Map.of("ca.crt", caPem.get()));
        return map;
    }
}
