package io.kubeling.resources.limitranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.validation.FieldError;

class LimitRangeRulesTest {

    private final LimitRangeStrategy strategy = new LimitRangeStrategy();

    @Test
    void containerDefaultsComeFromMaxThenDefaultThenMin() {
        LimitRange range = new LimitRangeBuilder().withNewMetadata().withName("r").endMetadata().withNewSpec()
                .addNewLimit().withType("Container").withMax(Map.of("cpu", new Quantity("2")))
                .withMin(Map.of("memory", new Quantity("64Mi"))).endLimit().endSpec().build();
        strategy.applyDefaults(range);
        strategy.prepareForCreate(range);
        assertThat(strategy.validate(range)).isEmpty();
        assertThat(range.getSpec().getLimits().get(0).getDefault()).isEqualTo(Map.of("cpu", new Quantity("2")));
        assertThat(range.getSpec().getLimits().get(0).getDefaultRequest())
                .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("64Mi")));
    }

    @Test
    void boundsMustBeInOrderAndPodsTakeNoDefaults() {
        LimitRange range = new LimitRangeBuilder().withNewMetadata().withName("r").endMetadata().withNewSpec()
                .addNewLimit().withType("Pod").withDefault(Map.of("cpu", new Quantity("1")))
                .withMin(Map.of("cpu", new Quantity("2"))).withMax(Map.of("cpu", new Quantity("1"))).endLimit()
                .addNewLimit().withType("Pod").endLimit().endSpec().build();
        strategy.applyDefaults(range);
        strategy.prepareForCreate(range);
        assertThat(strategy.validate(range)).extracting(FieldError::toString).containsExactly(
                "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
                "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
                "spec.limits[1].type: Duplicate value: \"Pod\"");
    }
}
