package io.kubeling.resources.persistentvolumes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.pods.Quantities;

/** The rules volumes and claims share in kube's core validation: access modes, class names, quantities. */
public final class StorageRules {

    /** sets.List of kube's supported access modes, sorted as Go sorts them. */
    public static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
            "ReadWriteOncePod");
    public static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

    private StorageRules() {
    }

    /** The access modes a volume or claim lists: each supported, and ReadWriteOncePod alone. */
    public static void accessModes(List<FieldError> errs, List<String> modes, String path) {
        boolean once = false;
        boolean other = false;
        for (String mode : modes) {
            if (!ACCESS_MODES.contains(mode)) {
                errs.add(FieldError.notSupported(path, mode, ACCESS_MODES));
            } else if (mode.equals("ReadWriteOncePod")) {
                once = true;
            } else {
                other = true;
            }
        }
        if (once && other) {
            errs.add(FieldError.forbidden(path, "may not use ReadWriteOncePod with other access modes"));
        }
    }

    /** ValidateClassName: a DNS subdomain. */
    public static void className(List<FieldError> errs, String name, String path) {
        if (name != null && !name.isEmpty()) {
            for (String msg : Names.dns1123Subdomain(name)) {
                errs.add(FieldError.invalid(path, name, msg));
            }
        }
    }

    /** ValidatePositiveQuantityValue. */
    public static boolean positive(List<FieldError> errs, Quantity q, String path) {
        BigDecimal v = Quantities.value(q);
        if (v != null && v.signum() <= 0) {
            errs.add(FieldError.invalid(path, Quantities.canonical(q), "must be greater than zero"));
            return false;
        }
        return true;
    }

    /** validateBasicResource: not negative. */
    public static void basic(List<FieldError> errs, Quantity q, String path) {
        BigDecimal v = Quantities.value(q);
        if (v != null && v.signum() < 0) {
            errs.add(FieldError.invalid(path, Quantities.canonical(q), "must be a valid resource quantity"));
        }
    }

    /** A map's entries in key order, where Go ranges over maps in random order. */
    public static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    /** The storage a capacity or request map names, or null. */
    public static BigDecimal storage(Map<String, Quantity> resources) {
        return resources == null ? null : Quantities.value(resources.get("storage"));
    }

    static List<String> keys(Map<String, ?> map) {
        return new ArrayList<>(sorted(map).keySet());
    }
}
