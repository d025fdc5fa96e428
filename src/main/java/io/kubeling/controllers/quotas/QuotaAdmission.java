package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's ResourceQuota admission plugin: a new object, or a change to one, that would take a namespace's usage past
 * a quota's hard limit is refused with 403 {@code exceeded quota}; an admitted one is added to each quota's {@code status.used}
 * at once, so that the next request counts it before the controller does.
 */
@Component
class QuotaAdmission implements Admission {

    // kube's quota evaluator tries its quota updates a few times before it gives up
    private static final int RETRIES = 5;

    private final Supplier<Registry> registry;

    @Autowired
    QuotaAdmission(ObjectProvider<Registry> registry) {
        this((Supplier<Registry>) registry::getObject);
    }

    QuotaAdmission(Supplier<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        if (!charged(request) || request.subresource() != null || !request.resource().namespaced()
                || request.namespace() == null) {
            return;
        }
        // most namespaces have no quota: their writes are not charged, so their usage is not worked out
        ResourceStore<ResourceQuota> store = registry.get().store(ResourceQuota.class);
        List<ResourceQuota> quotas = new ArrayList<>(store.list(request.namespace(), ListOptions.ALL).items());
        if (quotas.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> usage = QuotaUsage.usage(request.resource(), request.object());
        if (request.operation() == Operation.UPDATE && request.oldObject() != null) {
            usage = QuotaUsage.increase(usage, QuotaUsage.usage(request.resource(), request.oldObject()));
        }
        if (usage.isEmpty()) {
            return;
        }
        quotas.sort(Comparator.comparing(q -> q.getMetadata().getName()));
        Map<ResourceQuota, Map<String, Quantity>> updates = new LinkedHashMap<>();
        for (ResourceQuota quota : quotas) {
            Map<String, Quantity> newUsed = charge(request, usage, quota);
            if (newUsed != null) {
                updates.put(quota, newUsed);
            }
        }
        if (request.dryRun()) {
            return;
        }
        for (Map.Entry<ResourceQuota, Map<String, Quantity>> update : updates.entrySet()) {
            record(request, usage, store, update.getKey(), update.getValue());
        }
    }

    /**
     * The quota's usage with the request charged, or null when the quota does not count it; refused as kube refuses
     * it when the quota's status is unknown or the charge passes a hard limit.
     */
    private static Map<String, Quantity> charge(AdmissionRequest<?> request, Map<String, BigDecimal> usage,
            ResourceQuota quota) {
        if (request.operation() == Operation.CREATE && request.object() instanceof Pod pod
                && QuotaScopes.matches(pod, QuotaScopes.of(quota))) {
            String missing = QuotaConstraints.missing(pod, hardNames(quota));
            if (missing != null) {
                throw forbidden(request, "failed quota: " + quota.getMetadata().getName() + ": " + missing);
            }
        }
        Map<String, BigDecimal> delta = QuotaUsage.masked(usage, request.object(), quota);
        if (delta.isEmpty()) {
            return null;
        }
        Map<String, Quantity> hard = quota.getStatus() == null || quota.getStatus().getHard() == null ? Map.of()
                : quota.getStatus().getHard();
        Map<String, Quantity> used = quota.getStatus() == null || quota.getStatus().getUsed() == null ? Map.of()
                : quota.getStatus().getUsed();
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : delta.keySet()) {
            if (!hard.containsKey(name) || !used.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw forbidden(request, "status unknown for quota: " + quota.getMetadata().getName()
                    + ", resources: " + String.join(",", unknown));
        }
        Map<String, Quantity> requested = new HashMap<>();
        Map<String, Quantity> usedNow = new HashMap<>();
        Map<String, Quantity> limited = new HashMap<>();
        Map<String, Quantity> newUsed = new HashMap<>(used);
        for (var e : delta.entrySet()) {
            String name = e.getKey();
            BigDecimal total = Quantities.value(used.get(name)).add(e.getValue());
            newUsed.put(name, QuotaText.quantity(total, hard.get(name)));
            if (total.compareTo(Quantities.value(hard.get(name))) > 0) {
                requested.put(name, QuotaText.quantity(e.getValue(), hard.get(name)));
                usedNow.put(name, used.get(name));
                limited.put(name, hard.get(name));
            }
        }
        if (!limited.isEmpty()) {
            throw forbidden(request, "exceeded quota: " + quota.getMetadata().getName() + ", requested: "
                    + QuotaText.pretty(requested) + ", used: " + QuotaText.pretty(usedNow) + ", limited: "
                    + QuotaText.pretty(limited));
        }
        return newUsed;
    }

    /**
     * Creates are charged, and as kube's evaluators handle updates, those of services (a type that takes load
     * balancers or node ports) and claims (more storage) for what they add; a pod's resources do not change.
     */
    private static boolean charged(AdmissionRequest<?> request) {
        if (request.operation() == Operation.CREATE) {
            return true;
        }
        Class<?> type = request.resource().type();
        return request.operation() == Operation.UPDATE && (type == Service.class || type == PersistentVolumeClaim.class);
    }

    private static Set<String> hardNames(ResourceQuota quota) {
        return quota.getSpec() == null || quota.getSpec().getHard() == null ? Set.of()
                : quota.getSpec().getHard().keySet();
    }

    /**
     * Adds the admitted object's usage to the quota's status. When the quota changed since it was read (the quota
     * controller's recount, another request's charge), it is read again and the request checked and charged again,
     * as kube's quota evaluator retries: a request admitted is always counted.
     */
    private static void record(AdmissionRequest<?> request, Map<String, BigDecimal> usage,
            ResourceStore<ResourceQuota> store, ResourceQuota read, Map<String, Quantity> charged) {
        ResourceQuota quota = read;
        Map<String, Quantity> used = charged;
        for (int attempt = 1; !recorded(store, quota, used); attempt++) {
            if (attempt == RETRIES) {
                throw Errors.conflict(request.resource().groupResource(), request.name(),
                        "the quota " + quota.getMetadata().getName() + " kept changing while it was charged");
            }
            try {
                ResourceQuota now = store.get(quota.getMetadata().getNamespace(), quota.getMetadata().getName());
                if (!Objects.equals(now.getMetadata().getUid(), read.getMetadata().getUid())) {
                    return;
                }
                quota = now;
            } catch (StatusException e) {
                if (e.code() == 404) {
                    return;
                }
                throw e;
            }
            used = charge(request, usage, quota);
            if (used == null) {
                return;
            }
        }
    }

    /** Whether the charge is written (or the quota is gone); false when the quota changed since it was read. */
    private static boolean recorded(ResourceStore<ResourceQuota> store, ResourceQuota quota, Map<String, Quantity> used) {
        try {
            store.update(quota.getMetadata().getNamespace(), quota.getMetadata().getName(), "status", q -> {
                if (!Objects.equals(q.getMetadata().getUid(), quota.getMetadata().getUid())) {
                    return null;
                }
                q.getMetadata().setResourceVersion(quota.getMetadata().getResourceVersion());
                q.getStatus().setUsed(used);
                return q;
            }, Managers.KUBE_APISERVER);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return true;
            }
            if (e.code() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static StatusException forbidden(AdmissionRequest<?> request, String why) {
        return Errors.forbidden(request.resource().groupResource(), request.name(), why);
    }
}
