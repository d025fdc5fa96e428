package io.kubeling.controllers.scheduler;


import io.fabric8.kubernetes.api.model.Pod;

/** A kube-scheduler Score plugin: 0 to 100 per node (after normalizing across the feasible nodes), and its weight. */
interface Score {

    int MAX = 100;

    long score(Pod pod, PodRequests requests, NodeInfo node);

    /** Brings raw scores into 0..100 once every feasible node is scored; most plugins score that way already. */
    default void normalize(long[] scores) {
    }

    int weight();
}
