package io.kubeling.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;

/**
 * The webhooks of the stored configurations, configurations in name order and each one's webhooks in its
 * own order, as kube's configuration manager sorts them. Kept while the store has committed no write since,
 * which it counts before the write returns, so a configuration applies from the moment its write returns;
 * otherwise read again from the store's shared objects, and rebuilt only when one changed.
 */
@Component
class WebhookSource {

    private final Supplier<Registry> registry;
    private volatile Snapshot mutating = Snapshot.EMPTY;
    private volatile Snapshot validating = Snapshot.EMPTY;

    @Autowired
    WebhookSource(ObjectProvider<Registry> registry) {
        this((Supplier<Registry>) registry::getObject);
    }

    WebhookSource(Supplier<Registry> registry) {
        this.registry = registry;
    }

    List<Webhook> mutating() {
        Snapshot current = read(MutatingWebhookConfiguration.class, mutating, (config, index) ->
                Webhook.of(config.getMetadata().getName(), index, config.getWebhooks().get(index)),
                config -> config.getWebhooks() == null ? 0 : config.getWebhooks().size());
        mutating = current;
        return current.webhooks();
    }

    List<Webhook> validating() {
        Snapshot current = read(ValidatingWebhookConfiguration.class, validating, (config, index) ->
                Webhook.of(config.getMetadata().getName(), index, config.getWebhooks().get(index)),
                config -> config.getWebhooks() == null ? 0 : config.getWebhooks().size());
        validating = current;
        return current.webhooks();
    }

    private <C extends HasMetadata> Snapshot read(Class<C> type, Snapshot last, BiFunction<C, Integer, Webhook> hook,
            java.util.function.ToIntFunction<C> count) {
        ResourceStore<C> store;
        try {
            store = registry.get().store(type);
        } catch (IllegalArgumentException notServed) {
            return Snapshot.EMPTY;
        }
        // counted before listing: a write in between makes the next request list again
        long writes = store.writes();
        if (last.store() == store && last.writes() == writes) {
            return last;
        }
        List<C> configurations = store.peekAll();
        List<String> versions = new ArrayList<>(configurations.size());
        for (C config : configurations) {
            versions.add(config.getMetadata().getName() + "@" + config.getMetadata().getResourceVersion());
        }
        if (versions.equals(last.versions())) {
            return new Snapshot(store, writes, last.versions(), last.webhooks());
        }
        List<Webhook> webhooks = new ArrayList<>();
        for (C config : configurations) {
            for (int i = 0; i < count.applyAsInt(config); i++) {
                webhooks.add(hook.apply(config, i));
            }
        }
        return new Snapshot(store, writes, List.copyOf(versions), List.copyOf(webhooks));
    }

    private record Snapshot(ResourceStore<?> store, long writes, List<String> versions, List<Webhook> webhooks) {
        static final Snapshot EMPTY = new Snapshot(null, -1, List.of(), List.of());
    }
}
