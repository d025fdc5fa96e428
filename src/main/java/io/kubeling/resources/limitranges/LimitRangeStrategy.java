package io.kubeling.resources.limitranges;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.persistentvolumes.StorageRules;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's limitrangeStrategy: SetDefaults_LimitRangeItem (a container's default limit from max, its default request
 * from the default limit, then from min) and ValidateLimitRange's consistency of min, default request, default
 * limit and max.
 */
class LimitRangeStrategy implements Strategy<LimitRange> {

    @Override
    public void applyDefaults(LimitRange range) {
        if (range.getSpec() == null) {
            range.setSpec(new LimitRangeSpec());
        }
        if (range.getSpec().getLimits() == null) {
            return;
        }
        for (LimitRangeItem item : range.getSpec().getLimits()) {
            if (!"Container".equals(item.getType())) {
                continue;
            }
            Map<String, Quantity> def = item.getDefault() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(item.getDefault());
            Map<String, Quantity> request = item.getDefaultRequest() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(item.getDefaultRequest());
            StorageRules.sorted(item.getMax()).forEach(def::putIfAbsent);
            StorageRules.sorted(def).forEach(request::putIfAbsent);
            StorageRules.sorted(item.getMin()).forEach(request::putIfAbsent);
            item.setDefault(def);
            item.setDefaultRequest(request);
        }
    }

    @Override
    public List<FieldError> validate(LimitRange range) {
        List<FieldError> errs = new ArrayList<>();
        List<LimitRangeItem> items = range.getSpec().getLimits() == null ? List.of() : range.getSpec().getLimits();
        Set<String> types = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            item(errs, items.get(i), "spec.limits[" + i + "]", types);
        }
        return errs;
    }

    private static void item(List<FieldError> errs, LimitRangeItem limit, String path, Set<String> types) {
        String type = limit.getType() == null ? "" : limit.getType();
        if (!types.add(type)) {
            errs.add(FieldError.duplicate(path + ".type", type));
        }
        Map<String, Quantity> max = StorageRules.sorted(limit.getMax());
        Map<String, Quantity> min = StorageRules.sorted(limit.getMin());
        String type0 = limit.getType() == null ? "" : limit.getType();
        Map<String, Quantity> def = type0.equals("Pod") ? Map.of() : StorageRules.sorted(limit.getDefault());
        Map<String, Quantity> request = type0.equals("Pod") ? Map.of() : StorageRules.sorted(limit.getDefaultRequest());
        Map<String, Quantity> ratio = StorageRules.sorted(limit.getMaxLimitRequestRatio());
        Set<String> keys = new java.util.TreeSet<>();
        names(errs, max, path + ".max", keys);
        names(errs, min, path + ".min", keys);
        if (type.equals("Pod")) {
            if (limit.getDefault() != null && !limit.getDefault().isEmpty()) {
                errs.add(FieldError.forbidden(path + ".default", "may not be specified when `type` is 'Pod'"));
            }
            if (limit.getDefaultRequest() != null && !limit.getDefaultRequest().isEmpty()) {
                errs.add(FieldError.forbidden(path + ".defaultRequest", "may not be specified when `type` is 'Pod'"));
            }
        } else {
            names(errs, def, path + ".default", keys);
            names(errs, request, path + ".defaultRequest", keys);
        }
        if (type.equals("PersistentVolumeClaim")) {
            if (!min.containsKey("storage") && !max.containsKey("storage")) {
                errs.add(FieldError.required(path + ".limits",
                        "either minimum or maximum storage value is required, but neither was provided"));
            }
        }
        names(errs, ratio, path + ".maxLimitRequestRatio", keys);
        for (String k : keys) {
            BigDecimal mx = Quantities.value(max.get(k));
            BigDecimal mn = Quantities.value(min.get(k));
            BigDecimal df = Quantities.value(def.get(k));
            BigDecimal rq = Quantities.value(request.get(k));
            BigDecimal rt = Quantities.value(ratio.get(k));
            if (mn != null && mx != null && mn.compareTo(mx) > 0) {
                errs.add(FieldError.invalid(path + ".min[" + k + "]", text(min, k),
                        "min value " + text(min, k) + " is greater than max value " + text(max, k)));
            }
            if (rq != null) {
                if (mn != null && mn.compareTo(rq) > 0) {
                    errs.add(FieldError.invalid(path + ".defaultRequest[" + k + "]", text(request, k),
                            "min value " + text(min, k) + " is greater than default request value " + text(request, k)));
                }
                if (mx != null && rq.compareTo(mx) > 0) {
                    errs.add(FieldError.invalid(path + ".defaultRequest[" + k + "]", text(request, k),
                            "default request value " + text(request, k) + " is greater than max value " + text(max, k)));
                }
            }
            if (rq != null && df != null && rq.compareTo(df) > 0) {
                errs.add(FieldError.invalid(path + ".defaultRequest[" + k + "]", text(request, k),
                        "default request value " + text(request, k) + " is greater than default limit value "
                                + text(def, k)));
            }
            if (df != null) {
                if (mn != null && mn.compareTo(df) > 0) {
                    errs.add(FieldError.invalid(path + ".default[" + k + "]", text(min, k),
                            "min value " + text(min, k) + " is greater than default value " + text(def, k)));
                }
                if (mx != null && df.compareTo(mx) > 0) {
                    errs.add(FieldError.invalid(path + ".default[" + k + "]", text(max, k),
                            "default value " + text(def, k) + " is greater than max value " + text(max, k)));
                }
            }
            if (rt != null) {
                if (rt.compareTo(BigDecimal.ONE) < 0) {
                    errs.add(FieldError.invalid(path + ".maxLimitRequestRatio[" + k + "]", text(ratio, k),
                            "ratio " + text(ratio, k) + " is less than 1"));
                }
                if (mx != null && mn != null && mn.signum() > 0) {
                    BigDecimal most = mx.divide(mn, 6, java.math.RoundingMode.HALF_EVEN);
                    if (rt.compareTo(most) > 0) {
                        errs.add(FieldError.invalid(path + ".maxLimitRequestRatio[" + k + "]", text(ratio, k),
                                "ratio " + text(ratio, k) + " is greater than max/min = "
                                        + String.format("%f", most.doubleValue())));
                    }
                }
            }
        }
    }

    private static void names(List<FieldError> errs, Map<String, Quantity> list, String path, Set<String> keys) {
        for (var e : list.entrySet()) {
            String p = path + "[" + e.getKey() + "]";
            Names.qualifiedName(e.getKey()).forEach(m -> errs.add(FieldError.invalid(p, e.getKey(), m)));
            BigDecimal v = Quantities.value(e.getValue());
            if (v != null && v.signum() < 0) {
                errs.add(FieldError.invalid(p, Quantities.canonical(e.getValue()), "must be greater than or equal to 0"));
            }
            keys.add(e.getKey());
        }
    }

    private static String text(Map<String, Quantity> list, String key) {
        return Quantities.canonical(list.get(key));
    }
}
