package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/** A kube-scheduler Filter plugin: whether the pod may run on the node. */
interface Filter {

    FilterResult filter(Pod pod, PodRequests requests, NodeInfo node);
}
