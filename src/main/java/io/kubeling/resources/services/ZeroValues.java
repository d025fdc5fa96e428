package io.kubeling.resources.services;

import java.util.List;
import java.util.Map;

/** Absent fields of the fabric8 model read as the zero values kube's Go code sees for them. */
final class ZeroValues {

    private ZeroValues() {
    }

    static <T> List<T> of(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> of(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    static int number(Integer value) {
        return value == null ? 0 : value;
    }
}
