package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * NodeResourcesFit with the LeastAllocated strategy: the share of cpu and memory left free once
 * the pod is placed (requests with scoring's non-zero defaults), averaged with equal weights.
 */
final class LeastAllocatedScore implements Score {

    @Override
    public long score(Pod pod, PodRequests requests, NodeInfo node) {
        Resources allocatable = node.allocatable();
        long cpu = free(node.nonZeroMilliCpu() + requests.nonZeroMilliCpu(), allocatable.milliCpu());
        long memory = free(node.nonZeroMemory() + requests.nonZeroMemory(), allocatable.memory());
        return (cpu + memory) / 2;
    }

    private static long free(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX / capacity;
    }

    @Override
    public int weight() {
        return 1;
    }
}
