package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        Map<String, BigDecimal> usage = QuotaUsage.usage(request.resource(), request.object());
        if (request.operation() == Operation.UPDATE && request.oldObject() != null) {
            usage = QuotaUsage.increase(usage, QuotaUsage.usage(request.resource(), request.oldObject()));
        }
        if (usage.isEmpty()) {
            return;
        }
        ResourceStore<ResourceQuota> store = registry.get().store(ResourceQuota.class);
        List<ResourceQuota> quotas = new ArrayList<>(store.list(request.namespace(), ListOptions.ALL).items());
        if (quotas.isEmpty()) {
            return;
        }
        quotas.sort(Comparator.comparing(q -> q.getMetadata().getName()));
        Map<ResourceQuota, Map<String, Quantity>> updates = new HashMap<>();
        for (ResourceQuota quota : quotas) {
            if (request.operation() == Operation.CREATE && request.object() instanceof Pod pod
                    && QuotaScopes.matches(pod, QuotaScopes.of(quota))) {
                String missing = QuotaConstraints.missing(pod, hardNames(quota));
                if (missing != null) {
                    throw forbidden(request, "failed quota: " + quota.getMetadata().getName() + ": " + missing);
                }
            }
            Map<String, BigDecimal> delta = QuotaUsage.masked(usage, request.object(), quota);
            if (delta.isEmpty()) {
                continue;
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
            updates.put(quota, newUsed);
        }
        if (request.dryRun()) {
            return;
        }
        updates.forEach((quota, used) -> record(store, quota, used));
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

    /** Adds the admitted object's usage to the quota's status, unless the quota changed meanwhile. */
    private static void record(ResourceStore<ResourceQuota> store, ResourceQuota quota, Map<String, Quantity> used) {
        try {
            store.update(quota.getMetadata().getNamespace(), quota.getMetadata().getName(), "status", q -> {
                if (!Objects.equals(q.getMetadata().getUid(), quota.getMetadata().getUid())) {
                    return null;
                }
                q.getMetadata().setResourceVersion(quota.getMetadata().getResourceVersion());
                q.getStatus().setUsed(used);
                return q;
            }, Managers.KUBE_APISERVER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private static StatusException forbidden(AdmissionRequest<?> request, String why) {
        return Errors.forbidden(request.resource().groupResource(), request.name(), why);
    }
}
