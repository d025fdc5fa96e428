package io.kubeling.controllers.scheduler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * An amount of each resource, as the scheduler's framework.Resource: cpu in millicores, memory
 * and ephemeral storage in bytes, pods as a count, and any other (extended, hugepages) by name.
 */
record Resources(long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> scalar) {

    static final Resources ZERO = new Resources(0, 0, 0, 0, Map.of());

    static Resources of(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return ZERO;
        }
        long cpu = 0;
        long memory = 0;
        long storage = 0;
        long pods = 0;
        Map<String, Long> scalar = new TreeMap<>();
        for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
            BigDecimal amount = Quantity.getAmountInBytes(e.getValue());
            switch (e.getKey()) {
                case "cpu" -> cpu = amount.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValue();
                case "memory" -> memory = ceil(amount);
                case "ephemeral-storage" -> storage = ceil(amount);
                case "pods" -> pods = ceil(amount);
                default -> scalar.put(e.getKey(), ceil(amount));
            }
        }
        return new Resources(cpu, memory, storage, pods, scalar);
    }

    private static long ceil(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.CEILING).longValue();
    }

    Resources plus(Resources other) {
        Map<String, Long> sum = new TreeMap<>(scalar);
        other.scalar.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new Resources(milliCpu + other.milliCpu, memory + other.memory,
                ephemeralStorage + other.ephemeralStorage, pods + other.pods, sum);
    }

    Resources minus(Resources other) {
        Map<String, Long> diff = new TreeMap<>(scalar);
        other.scalar.forEach((k, v) -> diff.merge(k, -v, Long::sum));
        return new Resources(milliCpu - other.milliCpu, memory - other.memory,
                ephemeralStorage - other.ephemeralStorage, pods - other.pods, diff);
    }

    /** The larger of each amount. */
    Resources max(Resources other) {
        Map<String, Long> max = new TreeMap<>(scalar);
        other.scalar.forEach((k, v) -> max.merge(k, v, Math::max));
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                Math.max(ephemeralStorage, other.ephemeralStorage), Math.max(pods, other.pods), max);
    }

    long scalar(String name) {
        return scalar.getOrDefault(name, 0L);
    }
}
