package io.kubeling.controllers.kubelet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.SeenBeforeTheList;

/**
 * The pods bound to each node, kept from the pod feed as an informer's index on {@code spec.nodeName} is, so that a
 * kubelet starting finds its node's pods without reading every pod of the cluster. Before the first full list is in,
 * the revisions of what the feed brought are kept, so that the list cannot undo a newer change.
 */
final class PodsByNode {

    private final Map<String, Map<String, Pod>> byNode = new HashMap<>();
    private final Map<String, String> nodeOf = new HashMap<>();
    private final SeenBeforeTheList seen = new SeenBeforeTheList();

    /** A pod as of a change or a list: indexed under its node, or dropped from the index when not bound. */
    synchronized void put(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (seen.stale(uid, revision(pod))) {
            return;
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        drop(uid);
        if (node != null && !node.isEmpty()) {
            byNode.computeIfAbsent(node, n -> new HashMap<>()).put(uid, pod);
            nodeOf.put(uid, node);
        }
    }

    /** A pod deleted: a uid is never used again, so no list read before the deletion brings it back. */
    synchronized void remove(Pod pod) {
        String uid = pod.getMetadata().getUid();
        seen.deleted(uid);
        drop(uid);
    }

    /** The first full list is in: the feed alone keeps the index from now on, in revision order. */
    synchronized void listed(List<Pod> pods) {
        pods.forEach(this::put);
        seen.listed();
    }

    /** The pods bound to a node, as shared read-only objects. */
    synchronized List<Pod> on(String node) {
        Map<String, Pod> pods = byNode.get(node);
        return pods == null ? List.of() : List.copyOf(pods.values());
    }

    private void drop(String uid) {
        String node = nodeOf.remove(uid);
        if (node != null) {
            Map<String, Pod> pods = byNode.get(node);
            pods.remove(uid);
            if (pods.isEmpty()) {
                byNode.remove(node);
            }
        }
    }

    private static long revision(Pod pod) {
        String rv = pod.getMetadata().getResourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }
}
