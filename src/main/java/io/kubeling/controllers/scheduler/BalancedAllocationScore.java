package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in equal
 * shares once the pod is placed: 100 times one minus the standard deviation of the two fractions
 * (requests as asked; a pod that asks for neither scores nothing anywhere).
 */
final class BalancedAllocationScore implements Score {

    @Override
    public long score(Pod pod, PodRequests requests, NodeInfo node) {
        Resources wanted = requests.requests();
        if (wanted.milliCpu() == 0 && wanted.memory() == 0) {
            return 0;
        }
        Resources allocatable = node.allocatable();
        if (allocatable.milliCpu() == 0 || allocatable.memory() == 0) {
            return 0;
        }
        double cpu = fraction(node.requested().milliCpu() + wanted.milliCpu(), allocatable.milliCpu());
        double memory = fraction(node.requested().memory() + wanted.memory(), allocatable.memory());
        double deviation = Math.abs(cpu - memory) / 2;
        return (long) ((1 - deviation) * MAX);
    }

    private static double fraction(long requested, long capacity) {
        return Math.min(1.0, (double) requested / capacity);
    }

    @Override
    public int weight() {
        return 1;
    }
}
