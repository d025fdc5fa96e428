package io.kubeling.resources.limitranges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.resources.persistentvolumes.StorageRules;
import io.kubeling.resources.pods.PodQos;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's LimitRanger admission plugin: a new pod's containers get the namespace's default requests and limits
 * (noted in the {@code kubernetes.io/limit-ranger} annotation), then pods and claims outside a range's minimum,
 * maximum or limit-to-request ratio are refused with 403.
 */
@Component
class LimitRanger implements Admission {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private final Supplier<Registry> registry;

    @Autowired
    LimitRanger(ObjectProvider<Registry> registry) {
        this((Supplier<Registry>) registry::getObject);
    }

    LimitRanger(Supplier<Registry> registry) {
        this.registry = registry;
    }

    private List<LimitRangeItem> items(String namespace, String type) {
        List<LimitRangeItem> items = new ArrayList<>();
        for (LimitRange range : registry.get().store(LimitRange.class).list(namespace, ListOptions.ALL).items()) {
            if (range.getSpec() != null && range.getSpec().getLimits() != null) {
                range.getSpec().getLimits().stream().filter(i -> type.equals(i.getType())).forEach(items::add);
            }
        }
        return items;
    }

    @Override
    public void admit(Operation operation, io.kubeling.registry.ResourceDefinition<?> resource, String namespace,
            HasMetadata object) {
        if (operation != Operation.CREATE || !(object instanceof Pod pod) || namespace == null) {
            return;
        }
        List<String> notes = new ArrayList<>();
        for (LimitRangeItem item : items(namespace, "Container")) {
            if (pod.getSpec().getInitContainers() != null) {
                pod.getSpec().getInitContainers().forEach(c -> merge(c, item, "init container", notes));
            }
            pod.getSpec().getContainers().forEach(c -> merge(c, item, "container", notes));
        }
        if (!notes.isEmpty()) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(pod.getMetadata().getAnnotations());
            annotations.put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
            pod.getMetadata().setAnnotations(annotations);
            if (pod.getStatus() != null) {
                pod.getStatus().setQosClass(PodQos.compute(pod.getSpec()));
            }
        }
    }

    private static void merge(Container c, LimitRangeItem item, String kind, List<String> notes) {
        ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
        Map<String, Quantity> limits = r.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getLimits());
        TreeSet<String> setRequests = new TreeSet<>();
        TreeSet<String> setLimits = new TreeSet<>();
        StorageRules.sorted(item.getDefault()).forEach((k, v) -> {
            if (limits.putIfAbsent(k, v) == null) {
                setLimits.add(k);
            }
        });
        StorageRules.sorted(item.getDefaultRequest()).forEach((k, v) -> {
            if (requests.putIfAbsent(k, v) == null) {
                setRequests.add(k);
            }
        });
        if (!setRequests.isEmpty()) {
            notes.add(String.join(", ", setRequests) + " request for " + kind + " " + c.getName());
        }
        if (!setLimits.isEmpty()) {
            notes.add(String.join(", ", setLimits) + " limit for " + kind + " " + c.getName());
        }
        r.setRequests(requests);
        r.setLimits(limits);
        c.setResources(r);
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        if (request.operation() != Operation.CREATE || request.subresource() != null || request.namespace() == null) {
            return;
        }
        List<String> errs = new ArrayList<>();
        if (request.object() instanceof Pod pod) {
            for (LimitRangeItem item : items(request.namespace(), "Container")) {
                for (Container c : containers(pod)) {
                    ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
                    check(errs, item, "Container", nz(r.getRequests()), nz(r.getLimits()));
                }
            }
            for (LimitRangeItem item : items(request.namespace(), "Pod")) {
                check(errs, item, "Pod", total(pod, true), total(pod, false));
            }
        } else if (request.object() instanceof PersistentVolumeClaim pvc) {
            for (LimitRangeItem item : items(request.namespace(), "PersistentVolumeClaim")) {
                Map<String, Quantity> requests = pvc.getSpec().getResources() == null ? Map.of()
                        : nz(pvc.getSpec().getResources().getRequests());
                check(errs, item, "PersistentVolumeClaim", requests, Map.of());
            }
        } else {
            return;
        }
        if (!errs.isEmpty()) {
            String why = errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
            throw Errors.forbidden(request.resource().groupResource(), request.name(), why);
        }
    }

    /** minConstraint, maxConstraint and limitRequestRatioConstraint, resource by resource in name order. */
    private static void check(List<String> errs, LimitRangeItem item, String type, Map<String, Quantity> requests,
            Map<String, Quantity> limits) {
        StorageRules.sorted(item.getMin()).forEach((k, min) -> {
            BigDecimal enforced = Quantities.value(min);
            Quantity req = requests.get(k);
            Quantity lim = limits.get(k);
            String text = Quantities.canonical(min);
            if (req == null) {
                errs.add("minimum " + k + " usage per " + type + " is " + text + ".  No request is specified");
            } else if (Quantities.value(req).compareTo(enforced) < 0) {
                errs.add("minimum " + k + " usage per " + type + " is " + text + ", but request is "
                        + Quantities.canonical(req));
            } else if (lim != null && Quantities.value(lim).compareTo(enforced) < 0) {
                errs.add("minimum " + k + " usage per " + type + " is " + text + ", but limit is "
                        + Quantities.canonical(lim));
            }
        });
        StorageRules.sorted(item.getMax()).forEach((k, max) -> {
            BigDecimal enforced = Quantities.value(max);
            Quantity req = requests.get(k);
            Quantity lim = limits.get(k);
            String text = Quantities.canonical(max);
            if (type.equals("PersistentVolumeClaim")) {
                if (req != null && Quantities.value(req).compareTo(enforced) > 0) {
                    errs.add("maximum " + k + " usage per " + type + " is " + text + ", but request is "
                            + Quantities.canonical(req));
                }
            } else if (lim == null) {
                errs.add("maximum " + k + " usage per " + type + " is " + text + ".  No limit is specified");
            } else if (Quantities.value(lim).compareTo(enforced) > 0) {
                errs.add("maximum " + k + " usage per " + type + " is " + text + ", but limit is "
                        + Quantities.canonical(lim));
            } else if (req != null && Quantities.value(req).compareTo(enforced) > 0) {
                errs.add("maximum " + k + " usage per " + type + " is " + text + ", but request is "
                        + Quantities.canonical(req));
            }
        });
        StorageRules.sorted(item.getMaxLimitRequestRatio()).forEach((k, ratio) -> {
            Quantity req = requests.get(k);
            Quantity lim = limits.get(k);
            String text = Quantities.canonical(ratio);
            if (req == null || Quantities.value(req).signum() == 0) {
                errs.add(k + " max limit to request ratio per " + type + " is " + text
                        + ", but no request is specified or request is 0");
            } else if (lim == null || Quantities.value(lim).signum() == 0) {
                errs.add(k + " max limit to request ratio per " + type + " is " + text
                        + ", but no limit is specified or limit is 0");
            } else {
                BigDecimal observed = Quantities.value(lim).divide(Quantities.value(req), 6, java.math.RoundingMode.HALF_EVEN);
                if (observed.compareTo(Quantities.value(ratio)) > 0) {
                    // Go's %f: six decimals
                    errs.add(k + " max limit to request ratio per " + type + " is " + text + ", but provided ratio is "
                            + String.format(java.util.Locale.ROOT, "%f", observed.doubleValue()));
                }
            }
        });
    }

    private static List<Container> containers(Pod pod) {
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all;
    }

    /**
     * The pod's total per resource, as the Pod type of a range counts it (kube's podRequests and podLimits): its
     * containers and sidecars summed, or the most an init container needs beside the sidecars started before it,
     * whichever is more.
     */
    private static Map<String, Quantity> total(Pod pod, boolean requests) {
        Map<String, BigDecimal> sum = new HashMap<>();
        Map<String, Quantity> like = new HashMap<>();
        for (Container c : pod.getSpec().getContainers()) {
            add(sum, like, resources(c, requests));
        }
        Map<String, BigDecimal> sidecars = new HashMap<>();
        Map<String, BigDecimal> inits = new HashMap<>();
        for (Container c : pod.getSpec().getInitContainers() == null ? List.<Container>of()
                : pod.getSpec().getInitContainers()) {
            Map<String, Quantity> own = resources(c, requests);
            Map<String, BigDecimal> needs;
            if ("Always".equals(c.getRestartPolicy())) {
                add(sum, like, own);
                add(sidecars, like, own);
                needs = sidecars;
            } else {
                needs = new HashMap<>(sidecars);
                add(needs, like, own);
            }
            needs.forEach((k, v) -> inits.merge(k, v, BigDecimal::max));
        }
        inits.forEach((k, v) -> sum.merge(k, v, BigDecimal::max));
        Map<String, Quantity> out = new HashMap<>();
        sum.forEach((k, v) -> out.put(k, new Quantity(Quantities.canonical(v, Quantities.format(like.get(k))))));
        return out;
    }

    private static Map<String, Quantity> resources(Container c, boolean requests) {
        return c.getResources() == null ? Map.of()
                : nz(requests ? c.getResources().getRequests() : c.getResources().getLimits());
    }

    private static void add(Map<String, BigDecimal> sum, Map<String, Quantity> like, Map<String, Quantity> list) {
        list.forEach((k, v) -> {
            sum.merge(k, Quantities.value(v), BigDecimal::add);
            like.putIfAbsent(k, v);
        });
    }

    private static Map<String, Quantity> nz(Map<String, Quantity> m) {
        return m == null ? Map.of() : m;
    }
}
