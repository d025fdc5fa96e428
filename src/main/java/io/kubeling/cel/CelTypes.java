package io.kubeling.cel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.common.collect.ImmutableSet;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

/** The types a variable may be declared with, so that callers need not know dev.cel's. */
public final class CelTypes {

    public static final CelType DYN = SimpleType.DYN;
    public static final CelType STRING = SimpleType.STRING;
    public static final CelType INT = SimpleType.INT;
    public static final CelType DOUBLE = SimpleType.DOUBLE;
    public static final CelType BOOL = SimpleType.BOOL;
    public static final CelType BYTES = SimpleType.BYTES;
    public static final CelType TIMESTAMP = SimpleType.TIMESTAMP;
    public static final CelType DURATION = SimpleType.DURATION;

    private CelTypes() {
    }

    public static CelType list(CelType element) {
        return ListType.create(element);
    }

    public static CelType map(CelType value) {
        return MapType.create(STRING, value);
    }

    public static CelType optional(CelType value) {
        return OptionalType.create(value);
    }

    /**
     * An object whose fields are checked at compile time (kube's schema objects); its values are
     * maps from field name to value. The name must be unique among the types of one environment.
     */
    public static CelType object(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = new LinkedHashMap<>(fields);
        return StructType.create(name, ImmutableSet.copyOf(copy.keySet()), f -> Optional.ofNullable(copy.get(f)));
    }

    /** Whether a type is one {@link #object} made. */
    public static boolean isObject(CelType type) {
        return type instanceof StructType;
    }
}
