package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The scheduler's view of the cluster, kept current from change notifications as kube-scheduler's
 * cache is from informers: the nodes, and per node what its assigned, non-terminal pods take.
 * Every entry remembers the revision it came from, so a late list cannot undo a newer change.
 * What a node holds is kept as running totals, changed as pods come and go, as kube-scheduler's
 * NodeInfo is, rather than summed again over its pods for every decision.
 */
final class SchedulingCache {

    private record Assigned(String node, PodRequests requests) {
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, Long> nodeRevisions = new HashMap<>();
    private final Map<String, Assigned> pods = new HashMap<>();
    private final Map<String, Long> podRevisions = new HashMap<>();
    private final Map<String, Totals> byNode = new HashMap<>();
    private final Map<String, Resources> allocatable = new HashMap<>();
    private final Map<String, NodeInfo> summed = new HashMap<>();
    /**
     * The last snapshot, never changed once handed out, with each node's place in it, and the nodes whose totals
     * or object changed since: the next snapshot copies it and redoes only those, as kube-scheduler's
     * UpdateSnapshot copies only the nodes whose generation moved. Null when the set of nodes changed.
     */
    private NodeInfo[] view;
    private final Map<String, Integer> positions = new HashMap<>();
    private final java.util.Set<String> stale = new java.util.HashSet<>();
    // pods placed by a decision whose binding is not back yet, by uid
    private final Map<String, String> assumed = new HashMap<>();

    synchronized void clear() {
        nodes.clear();
        nodeRevisions.clear();
        pods.clear();
        podRevisions.clear();
        byNode.clear();
        allocatable.clear();
        summed.clear();
        assumed.clear();
        view = null;
    }

    /** Records a node as of a revision; returns whether it was newer than what the cache held. */
    synchronized boolean putNode(Node node) {
        String name = node.getMetadata().getName();
        long revision = revision(node);
        if (revision < nodeRevisions.getOrDefault(name, -1L)) {
            return false;
        }
        nodeRevisions.put(name, revision);
        if (nodes.put(name, node) == null) {
            view = null;
        }
        allocatable.put(name, node.getStatus() == null ? Resources.ZERO
                : Resources.of(node.getStatus().getAllocatable()));
        changed(name);
        return true;
    }

    synchronized void removeNode(Node node, long revision) {
        String name = node.getMetadata().getName();
        if (revision >= nodeRevisions.getOrDefault(name, -1L)) {
            nodeRevisions.put(name, revision);
            if (nodes.remove(name) != null) {
                view = null;
            }
            allocatable.remove(name);
            changed(name);
        }
    }

    /** Records a pod as of a revision: counted on its node while assigned and not finished. */
    synchronized void putPod(Pod pod) {
        String uid = pod.getMetadata().getUid();
        long revision = revision(pod);
        if (revision < podRevisions.getOrDefault(uid, -1L)) {
            return;
        }
        podRevisions.put(uid, revision);
        String node = pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean unbound = node == null || node.isEmpty();
        if (unbound && assumed.containsKey(uid)) {
            return;
        }
        assumed.remove(uid);
        if (unbound || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            unplace(uid);
        } else {
            place(pod, node);
        }
    }

    private void place(Pod pod, String node) {
        String uid = pod.getMetadata().getUid();
        Assigned assigned = new Assigned(node, PodRequests.of(pod));
        Assigned before = pods.put(uid, assigned);
        // a status write leaves what the pod takes as it was: the node's totals stand
        if (assigned.equals(before)) {
            return;
        }
        if (before != null) {
            forget(uid, before);
        }
        byNode.computeIfAbsent(node, n -> new Totals()).add(uid, assigned);
        changed(node);
    }

    /**
     * Counts a pod on the node just chosen for it, before its binding is written, as kube-scheduler
     * assumes pods: the next decisions see it there. Versions of the pod that are not bound yet leave
     * it there until the binding arrives or {@link #forget} drops it.
     */
    synchronized void assume(Pod pod, String node) {
        place(pod, node);
        assumed.put(pod.getMetadata().getUid(), node);
    }

    synchronized boolean isAssumed(String uid) {
        return assumed.containsKey(uid);
    }

    /** Drops an assumption whose binding failed; the pod's next version puts it right. */
    synchronized void forget(String uid) {
        if (assumed.remove(uid) != null) {
            unplace(uid);
        }
    }

    synchronized void removePod(Pod pod, long revision) {
        String uid = pod.getMetadata().getUid();
        assumed.remove(uid);
        if (revision >= podRevisions.getOrDefault(uid, -1L)) {
            podRevisions.put(uid, revision);
            unplace(uid);
        }
    }

    private void unplace(String uid) {
        Assigned before = pods.remove(uid);
        if (before != null) {
            forget(uid, before);
        }
    }

    private void forget(String uid, Assigned placed) {
        Totals totals = byNode.get(placed.node());
        if (totals != null && totals.remove(uid)) {
            byNode.remove(placed.node());
        }
        changed(placed.node());
    }

    /** Every node with what is placed on it. */
    synchronized List<NodeInfo> snapshot() {
        if (view == null) {
            view = new NodeInfo[nodes.size()];
            positions.clear();
            int i = 0;
            for (Node node : nodes.values()) {
                positions.put(node.getMetadata().getName(), i);
                view[i++] = info(node);
            }
        } else if (!stale.isEmpty()) {
            NodeInfo[] next = view.clone();
            for (String name : stale) {
                Integer at = positions.get(name);
                if (at != null) {
                    next[at] = info(nodes.get(name));
                }
            }
            view = next;
        }
        stale.clear();
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(view));
    }

    private NodeInfo info(Node node) {
        return summed.computeIfAbsent(node.getMetadata().getName(),
                n -> byNode.getOrDefault(n, Totals.NONE).info(node, allocatable.get(n)));
    }

    /** A node's object or totals changed: its summary is made again at the next snapshot. */
    private void changed(String name) {
        summed.remove(name);
        stale.add(name);
    }

    /** What the pods placed on one node take. */
    private static final class Totals {

        static final Totals NONE = new Totals();

        private Resources requested = Resources.ZERO;
        private long nonZeroMilliCpu;
        private long nonZeroMemory;
        private final Map<String, Assigned> placed = new java.util.LinkedHashMap<>();

        void add(String uid, Assigned a) {
            requested = requested.plus(a.requests().requests());
            nonZeroMilliCpu += a.requests().nonZeroMilliCpu();
            nonZeroMemory += a.requests().nonZeroMemory();
            placed.put(uid, a);
        }

        /** Takes a pod off; returns whether none is left. */
        boolean remove(String uid) {
            Assigned a = placed.remove(uid);
            if (a != null) {
                requested = requested.minus(a.requests().requests());
                nonZeroMilliCpu -= a.requests().nonZeroMilliCpu();
                nonZeroMemory -= a.requests().nonZeroMemory();
            }
            return placed.isEmpty();
        }

        NodeInfo info(Node node, Resources allocatable) {
            List<PodRequests.HostPort> ports = new ArrayList<>();
            for (Assigned a : placed.values()) {
                ports.addAll(a.requests().hostPorts());
            }
            return new NodeInfo(node, requested, nonZeroMilliCpu, nonZeroMemory, placed.size(), List.copyOf(ports),
                    allocatable);
        }
    }

    private static long revision(io.fabric8.kubernetes.api.model.HasMetadata object) {
        String rv = object.getMetadata().getResourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }
}
