package io.kubeling.resources.pods;

import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * The write behind {@code pods/binding}: the binding itself has set the node name, annotations and
 * PodScheduled condition, which is all that changes, so nothing here re-checks the spec rules
 * that keep a pod's node fixed.
 */
final class PodBindingStrategy implements Strategy<Pod> {

    static final PodBindingStrategy INSTANCE = new PodBindingStrategy();

    private PodBindingStrategy() {
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        return List.of();
    }
}
