package io.kubeling.resources.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.Strategy;

public class PodStatusStrategy implements Strategy<Pod> {
}
