package io.kubeling.controllers.gc;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * kube's absent owner cache: owners seen deleted (by a delete event of an owner that had dependents, or a lookup that
 * found nothing), so that their dependents are collected even once the owner's kind is no longer served, as after
 * its CRD is deleted. Bounded, least recently used first out. Keyed by group rather than apiVersion: the versions of
 * one resource are one set of objects.
 */
final class AbsentOwners {

    private final Map<Key, Boolean> entries;

    AbsentOwners(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String group, String kind, String namespace, String name, String uid) {
        entries.put(new Key(group, kind, namespace, name, uid), Boolean.TRUE);
    }

    void add(OwnerReference ref, String namespace) {
        add(group(ref.getApiVersion()), ref.getKind(), namespace, ref.getName(), ref.getUid());
    }

    /** Whether the owner is known absent, cluster-scoped or in the dependent's namespace. */
    synchronized boolean has(OwnerReference ref, String namespace) {
        String group = group(ref.getApiVersion());
        return entries.get(new Key(group, ref.getKind(), null, ref.getName(), ref.getUid())) != null
                || namespace != null
                && entries.get(new Key(group, ref.getKind(), namespace, ref.getName(), ref.getUid())) != null;
    }

    synchronized void clear() {
        entries.clear();
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private record Key(String group, String kind, String namespace, String name, String uid) {
    }
}
