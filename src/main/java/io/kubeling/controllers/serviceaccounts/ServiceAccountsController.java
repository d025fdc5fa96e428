package io.kubeling.controllers.serviceaccounts;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * Kube's service account controller: every active namespace has a {@code default} service account, made
 * when the namespace appears (or at start, for those that lack one) and again when it is deleted.
 */
@Component
class ServiceAccountsController implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("service-account-controller");

    static final String DEFAULT = "default";

    private final Registry registry;
    private final ChangeFeed feed;
    private final WorkQueue queue = new WorkQueue("serviceaccount-controller", this::sync);
    private volatile ChangeFeed.Subscription namespaces;
    private volatile ChangeFeed.Subscription accounts;

    ServiceAccountsController(Registry registry, ChangeFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    @Override
    public void start() {
        queue.start();
        namespaces = feed.subscribe(Namespace.class, change -> {
            if (!change.deleted() && change.object().getMetadata().getDeletionTimestamp() == null) {
                queue.add(change.object().getMetadata().getName());
            }
        });
        accounts = feed.subscribe(ServiceAccount.class, change -> {
            if (change.deleted() && DEFAULT.equals(change.object().getMetadata().getName())) {
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
            accounts.close();
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    private void sync(String namespace) {
        Namespace ns;
        try {
            ns = registry.store(Namespace.class).get(null, namespace);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        try {
            registry.store(ServiceAccount.class).get(namespace, DEFAULT);
            return;
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        ServiceAccount account = new ServiceAccount();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(DEFAULT);
        meta.setNamespace(namespace);
        account.setMetadata(meta);
        try {
            registry.store(ServiceAccount.class).create(namespace, account, WRITER);
        } catch (StatusException e) {
            // Already there, or the namespace began terminating meanwhile: nothing to do either way.
            if (e.code() != 409 && e.code() != 403) {
                throw e;
            }
        }
    }
}
