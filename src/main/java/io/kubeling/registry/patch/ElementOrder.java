package io.kubeling.registry.patch;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ordering of merged lists, as kube's strategicpatch does it: items named by the patch (or by a
 * {@code $setElementOrder} list) keep the patch's order, items only on the server keep the server's order, and
 * the two runs are interleaved by the server's order wherever both items are known to the server. An item the
 * server has never seen goes before the server-only items that have not been placed yet.
 */
final class ElementOrder {

    /** Items of a merged list split by whether a patch (or order list) names them. */
    record Partition(List<JsonNode> named, List<JsonNode> serverOnly) {}

    private ElementOrder() {}

    static Partition partition(List<JsonNode> merged, List<JsonNode> namedBy, String mergeKey) {
        List<JsonNode> named = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(namedBy, item, mergeKey) >= 0 ? named : serverOnly).add(item);
        }
        return new Partition(named, serverOnly);
    }

    static List<JsonNode> normalize(Partition partition, List<JsonNode> namedOrder, List<JsonNode> serverOrder,
                                    String mergeKey) {
        List<JsonNode> named = sortedBy(partition.named(), namedOrder, mergeKey);
        List<JsonNode> serverOnly = sortedBy(partition.serverOnly(), serverOrder, mergeKey);
        return interleave(serverOnly, named, serverOrder, mergeKey);
    }

    /** Index of the first item of {@code list} with the same identity as {@code item}, or -1. */
    static int indexOf(List<JsonNode> list, JsonNode item, String mergeKey) {
        JsonNode wanted = identity(item, mergeKey);
        for (int i = 0; i < list.size(); i++) {
            if (sameValue(identity(list.get(i), mergeKey), wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** Go compares decoded JSON with ==, where every number is a float64: 80 and 80.0 are the same. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static JsonNode identity(JsonNode item, String mergeKey) {
        return mergeKey != null && item.isObject() ? item.get(mergeKey) : item;
    }

    /** Stable sort by position in {@code order}; items it does not name keep their relative order at the end. */
    private static List<JsonNode> sortedBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
        record Ranked(JsonNode item, int rank) {}
        List<Ranked> ranked = new ArrayList<>();
        for (JsonNode item : items) {
            int index = indexOf(order, item, mergeKey);
            ranked.add(new Ranked(item, index < 0 ? Integer.MAX_VALUE : index));
        }
        ranked.sort(Comparator.comparingInt(Ranked::rank));
        return ranked.stream().map(Ranked::item).toList();
    }

    /** Kube's mergeSortedSlice: a server-only item goes first only if the server had it before the named one. */
    private static List<JsonNode> interleave(List<JsonNode> serverOnly, List<JsonNode> named,
                                             List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> result = new ArrayList<>(serverOnly.size() + named.size());
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() && j < named.size()) {
            int left = indexOf(serverOrder, serverOnly.get(i), mergeKey);
            int right = indexOf(serverOrder, named.get(j), mergeKey);
            if (left >= 0 && right >= 0 && left < right) {
                result.add(serverOnly.get(i++));
            } else {
                result.add(named.get(j++));
            }
        }
        result.addAll(serverOnly.subList(i, serverOnly.size()));
        result.addAll(named.subList(j, named.size()));
        return result;
    }
}
