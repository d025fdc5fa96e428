package io.kubeling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated kubelets under {@code kubeling.kubelet.*}: the registries whose images
 * need a pull secret, the static pod manifests (one subdirectory per node), how much log each
 * container instance keeps, how many threads the kubelets share (each node stays on one), and a file of
 * images added to the simulated registries' catalogue.
 */
@ConfigurationProperties("kubeling.kubelet")
public record KubeletProperties(
        List<String> privateRegistries,
        Path staticPodPath,
        @DefaultValue("1s") Duration staticPodCheckInterval,
        @DefaultValue("1048576") int logBytesPerContainer,
        @DefaultValue("4") int threads,
        Path imageCatalog) {

    @ConstructorBinding
    public KubeletProperties {
    }

    public KubeletProperties(List<String> privateRegistries, Path staticPodPath, Duration staticPodCheckInterval,
            int logBytesPerContainer, int threads) {
        this(privateRegistries, staticPodPath, staticPodCheckInterval, logBytesPerContainer, threads, null);
    }

    public List<String> privateRegistriesOrEmpty() {
        return privateRegistries == null ? List.of() : privateRegistries;
    }
}
