package io.kubeling.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @EnableKubeling
    static class Defaults {
    }

    @EnableKubeling(nodes = 1, nodeLabels = {"pool=blue", "topology.kubernetes.io/zone=a"},
            nodeTaints = {"dedicated=gpu:NoSchedule", "spot:PreferNoSchedule"}, simulation = false, timeScale = 0,
            kubernetesVersion = "v1.31.2", properties = "kubeling.watch.bookmark-interval=1s", shared = true)
    static class Everything {
    }

    @EnableKubeling(nodeLabels = "pool")
    static class LabelWithoutValue {
    }

    @EnableKubeling(timeScale = -1)
    static class NegativeScale {
    }

    @Test
    void defaultsAreThreeNodesAtRealSpeed() {
        ServerSettings settings = ServerSettings.of(Defaults.class.getAnnotation(EnableKubeling.class));
        assertThat(settings.arguments()).containsExactly("--kubeling.simulation.enabled=true",
                "--kubeling.simulation.nodes.count=3", "--kubeling.simulation.time-scale=1.0");
        assertThat(settings.shared()).isFalse();
    }

    @Test
    void everySettingBecomesTheServersProperty() {
        ServerSettings settings = ServerSettings.of(Everything.class.getAnnotation(EnableKubeling.class));
        assertThat(settings.arguments()).containsExactly("--kubeling.simulation.enabled=false",
                "--kubeling.simulation.nodes.count=1", "--kubeling.simulation.time-scale=0.0",
                "--kubeling.simulation.nodes.labels[pool]=blue",
                "--kubeling.simulation.nodes.labels[topology.kubernetes.io/zone]=a",
                "--kubeling.simulation.nodes.taints[0]=dedicated=gpu:NoSchedule",
                "--kubeling.simulation.nodes.taints[1]=spot:PreferNoSchedule",
                "--kubeling.kubernetes-version=v1.31.2", "--kubeling.watch.bookmark-interval=1s");
        assertThat(settings.shared()).isTrue();
        assertThat(settings).isEqualTo(ServerSettings.of(Everything.class.getAnnotation(EnableKubeling.class)));
    }

    @Test
    void malformedSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ServerSettings.of(LabelWithoutValue.class.getAnnotation(EnableKubeling.class)))
                .hasMessageContaining("nodeLabels").hasMessageContaining("pool");
        assertThatThrownBy(() -> ServerSettings.of(NegativeScale.class.getAnnotation(EnableKubeling.class)))
                .hasMessageContaining("timeScale");
    }
}
