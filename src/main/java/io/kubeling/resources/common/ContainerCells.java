package io.kubeling.resources.common;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** kube's layoutContainerCells: the CONTAINERS and IMAGES cells of a pod template, comma-joined. */
public final class ContainerCells {

    private ContainerCells() {
    }

    public static String names(PodTemplateSpec template) {
        return join(template, Container::getName);
    }

    public static String images(PodTemplateSpec template) {
        return join(template, Container::getImage);
    }

    private static String join(PodTemplateSpec template, Function<Container, String> field) {
        return containers(template).stream()
                .map(c -> {
                    String value = field.apply(c);
                    return value == null ? "" : value;
                })
                .collect(Collectors.joining(","));
    }

    private static List<Container> containers(PodTemplateSpec template) {
        PodSpec spec = template == null ? null : template.getSpec();
        return spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
    }
}
