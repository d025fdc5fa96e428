package io.kubeling.controllers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * The controllers' service accounts in kube-system, as kube-controller-manager with
 * {@code --use-service-account-credentials} (kubeadm's setting) makes them: each created, plain, by the
 * controller-manager's own user when missing, once kube-system exists, and again when deleted, as the
 * controller-manager does when it next fetches the account's token.
 */
@Component
public final class ControllerAccounts implements SmartLifecycle {

    private final Registry registry;
    private final ChangeFeed feed;
    private final WorkQueue queue = new WorkQueue("controller-accounts", this::sync);
    private volatile ChangeFeed.Subscription namespaces;
    private volatile ChangeFeed.Subscription accounts;

    public ControllerAccounts(Registry registry, ChangeFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    @Override
    public void start() {
        queue.start();
        namespaces = feed.subscribe(Namespace.class, change -> {
            if (!change.deleted() && Managers.SYSTEM_NAMESPACE.equals(change.object().getMetadata().getName())) {
                Managers.CONTROLLER_ACCOUNTS.forEach(queue::add);
            }
        });
        accounts = feed.subscribe(ServiceAccount.class, change -> {
            String name = change.object().getMetadata().getName();
            if (change.deleted() && Managers.SYSTEM_NAMESPACE.equals(change.object().getMetadata().getNamespace())
                    && Managers.CONTROLLER_ACCOUNTS.contains(name)) {
                queue.add(name);
            }
        });
        Managers.CONTROLLER_ACCOUNTS.forEach(queue::add);
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

    private void sync(String account) {
        try {
            Namespace system = registry.store(Namespace.class).peek(null, Managers.SYSTEM_NAMESPACE);
            if (system.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        ResourceStore<ServiceAccount> store = registry.store(ServiceAccount.class);
        try {
            store.peek(Managers.SYSTEM_NAMESPACE, account);
            return;
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        ServiceAccount created = new ServiceAccount();
        created.setMetadata(new ObjectMetaBuilder().withName(account).withNamespace(Managers.SYSTEM_NAMESPACE)
                .build());
        try {
            store.create(Managers.SYSTEM_NAMESPACE, created, Managers.CONTROLLER_MANAGER);
        } catch (StatusException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
