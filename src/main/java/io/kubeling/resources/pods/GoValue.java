package io.kubeling.resources.pods;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/**
 * A value of a {@link GoType}, with Go's zero values and nil: a spec converted this way compares
 * and prints the way kube's internal objects do, where an absent {@code bool} is {@code false} and
 * an absent list is {@code nil}.
 */
sealed interface GoValue {

    GoType type();

    /** Go's reflect zero check, which go-cmp uses to leave fields out of what it prints. */
    boolean isZero();

    record Str(GoType type, String value) implements GoValue {
        @Override
        public boolean isZero() {
            return value.isEmpty();
        }
    }

    record Int(GoType type, long value) implements GoValue {
        @Override
        public boolean isZero() {
            return value == 0;
        }
    }

    record Bool(GoType type, boolean value) implements GoValue {
        @Override
        public boolean isZero() {
            return !value;
        }
    }

    /** A pointer; {@code elem} is null for nil. */
    record Ptr(GoType type, GoValue elem) implements GoValue {
        @Override
        public boolean isZero() {
            return elem == null;
        }
    }

    /** A slice; {@code elems} is null for nil (empty lists are converted to nil). */
    record Slice(GoType type, List<GoValue> elems) implements GoValue {
        @Override
        public boolean isZero() {
            return elems == null;
        }

        int length() {
            return elems == null ? 0 : elems.size();
        }
    }

    /** A map with string-kinded keys, sorted as go-cmp sorts them; null for nil. */
    record MapV(GoType type, SortedMap<String, GoValue> entries) implements GoValue {
        @Override
        public boolean isZero() {
            return entries == null;
        }
    }

    /** A struct; {@code fields} line up with {@code type().fields()}. */
    record Struct(GoType type, List<GoValue> fields) implements GoValue {
        @Override
        public boolean isZero() {
            return fields.stream().allMatch(GoValue::isZero);
        }
    }

    /**
     * A resource.Quantity: compared by value (its Equal method) and printed as the struct Go holds,
     * {@code {i: {value: 100, scale: -3}, s: "100m", Format: "DecimalSI"}}; {@code amount} is null
     * for the zero Quantity.
     */
    record Quantity(GoType type, BigDecimal amount, Struct shape) implements GoValue {
        @Override
        public boolean isZero() {
            return amount == null;
        }
    }

    /**
     * A value of a type this model does not describe field by field: compared as one leaf by its
     * JSON form and printed from {@code shape}, a struct built from that JSON.
     */
    record Opaque(GoType type, Object json, GoValue shape) implements GoValue {
        @Override
        public boolean isZero() {
            return shape.isZero();
        }
    }
}
