package io.kubeling.resources.pods;

import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.registry.validation.FieldError;

/** Pods as a client would send them, and the same pods after the create path. */
final class PodFixtures {

    private PodFixtures() {
    }

    /** One container named "a" running nginx, as a client sends it. */
    static PodBuilder minimal() {
        return new PodBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("a").withImage("nginx").endContainer()
                .endSpec();
    }

    /** A pod after kube's create path (defaults, status), as it would be stored. */
    static Pod created(Pod pod) {
        PodStrategy strategy = new PodStrategy();
        strategy.applyDefaults(pod);
        strategy.prepareForCreate(pod);
        return pod;
    }

    static Pod copy(Pod pod) {
        return new PodBuilder(pod).build();
    }

    static List<String> strings(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    /** The errors of a new pod after defaulting, as the create path would report them. */
    static List<String> createErrors(Pod pod) {
        PodStrategy strategy = new PodStrategy();
        strategy.applyDefaults(pod);
        strategy.prepareForCreate(pod);
        return strings(strategy.validate(pod));
    }
}
