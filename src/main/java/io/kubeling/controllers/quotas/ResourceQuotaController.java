package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * kube's resource quota controller: each quota's {@code status.hard} is its spec's, and {@code status.used} what
 * the namespace's objects use of it, counted again when they change and every little while (for the
 * {@code count/} resources of kinds it does not follow).
 */
@Component
public class ResourceQuotaController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("resourcequota-controller");

    private static final Duration RESYNC = Duration.ofSeconds(15);
    private static final List<Class<? extends HasMetadata>> FOLLOWED = List.of(Pod.class, Service.class,
            ConfigMap.class, Secret.class, PersistentVolumeClaim.class, ReplicationController.class,
            ResourceQuota.class);

    public ResourceQuotaController(ControllerKit kit) {
        super("resourcequota-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        List<ChangeFeed.Subscription> subscriptions = new java.util.ArrayList<>();
        for (Class<? extends HasMetadata> type : FOLLOWED) {
            try {
                subscriptions.add(follow(type));
            } catch (IllegalArgumentException notServed) {
                // a registry built for tests may not serve every kind
            }
        }
        return subscriptions;
    }

    private <T extends HasMetadata> ChangeFeed.Subscription follow(Class<T> type) {
        return feed.subscribe(type, (Change<T> change) -> {
            if (change.object() instanceof ResourceQuota ? !statusOnly(change) : replenishes(change)) {
                queue.add(change.object().getMetadata().getNamespace());
            }
        });
    }

    /**
     * As kube's replenishment: admission charges what is created or updated, so the namespace is counted again only
     * when something stops counting (deleted, a pod ended or being deleted), never on a create, whose count could
     * run before objects already charged are stored and take their charges back.
     */
    private static boolean replenishes(Change<? extends HasMetadata> change) {
        if (change.deleted()) {
            return true;
        }
        if (change.object() instanceof Pod pod && change.previous() instanceof Pod previous) {
            return ended(pod) && !ended(previous) || pod.getMetadata().getDeletionTimestamp() != null
                    && previous.getMetadata().getDeletionTimestamp() == null;
        }
        return false;
    }

    private static boolean ended(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /**
     * A quota's status changes are this controller's and admission's charges, as kube's controller ignores them: a
     * recount on a charge could list the namespace before the charged object is stored and take the charge back.
     */
    private static boolean statusOnly(Change<? extends HasMetadata> change) {
        if (change.deleted() || !(change.object() instanceof ResourceQuota quota)
                || !(change.previous() instanceof ResourceQuota previous)) {
            return false;
        }
        return Objects.equals(hardOf(previous), hardOf(quota));
    }

    private static Map<String, BigDecimal> hardOf(ResourceQuota quota) {
        return values(quota.getSpec() == null ? null : quota.getSpec().getHard());
    }

    @Override
    protected void queueExisting() {
        resync();
    }

    private void resync() {
        quotas().list(null, ListOptions.ALL).items().forEach(q -> queue.add(q.getMetadata().getNamespace()));
        timer.after(RESYNC, this::resync);
    }

    @Override
    protected void sync(String namespace) {
        List<ResourceQuota> quotas = quotas().list(namespace, ListOptions.ALL).items();
        for (ResourceQuota quota : quotas) {
            Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of()
                    : quota.getSpec().getHard();
            Map<String, BigDecimal> used = new HashMap<>();
            hard.keySet().forEach(k -> used.put(k, BigDecimal.ZERO));
            Set<String> names = hard.keySet();
            for (ResourceStore<?> store : registry.all()) {
                if (QuotaUsage.relevant(store.definition(), names)) {
                    for (HasMetadata object : store.list(namespace, ListOptions.ALL).items()) {
                        QuotaUsage.of(store.definition(), object, quota).forEach((k, v) -> used.merge(k, v, BigDecimal::add));
                    }
                }
            }
            ResourceQuotaStatus status = new ResourceQuotaStatus();
            status.setHard(new HashMap<>(hard));
            Map<String, Quantity> usedQuantities = new HashMap<>();
            used.forEach((k, v) -> usedQuantities.put(k, QuotaText.quantity(v, hard.get(k))));
            status.setUsed(usedQuantities);
            if (!same(status, quota.getStatus())) {
                write(quota, status);
            }
        }
    }

    private static boolean same(ResourceQuotaStatus a, ResourceQuotaStatus b) {
        return b != null && values(a.getHard()).equals(values(b.getHard())) && values(a.getUsed()).equals(values(b.getUsed()));
    }

    private static Map<String, BigDecimal> values(Map<String, Quantity> list) {
        Map<String, BigDecimal> values = new HashMap<>();
        if (list != null) {
            list.forEach((k, v) -> values.put(k, io.kubeling.resources.pods.Quantities.value(v).stripTrailingZeros()));
        }
        return values;
    }

    private void write(ResourceQuota quota, ResourceQuotaStatus status) {
        try {
            quotas().update(quota.getMetadata().getNamespace(), quota.getMetadata().getName(), "status", q -> {
                if (!Objects.equals(q.getMetadata().getUid(), quota.getMetadata().getUid())) {
                    return null;
                }
                // counted against this version: an admission that charged the quota since makes the write conflict
                q.getMetadata().setResourceVersion(quota.getMetadata().getResourceVersion());
                q.setStatus(status);
                return q;
            }, WRITER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private ResourceStore<ResourceQuota> quotas() {
        return registry.store(ResourceQuota.class);
    }
}
