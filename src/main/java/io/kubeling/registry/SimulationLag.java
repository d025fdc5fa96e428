package io.kubeling.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * How far the simulated components lag behind their work: the longest any of them has had work due and not yet
 * started (the oldest task in a kubelet's or the scheduler's queue). Client writes are held to what the simulation
 * absorbs by it, as kube's priority and fairness keeps the system components' own seats apart from the clients':
 * here they share the cores instead. Each component adds its own measure while it runs; with none (the simulation
 * off) the lag is zero.
 */
@Component
public class SimulationLag {

    private final List<LongSupplier> sources = new CopyOnWriteArrayList<>();

    /** Adds a measure, in nanoseconds, of how long a component's oldest due work has waited; close to remove it. */
    public Source add(LongSupplier lagNanos) {
        sources.add(lagNanos);
        return () -> sources.remove(lagNanos);
    }

    /** The longest lag of the components, in nanoseconds. */
    public long nanos() {
        long most = 0;
        for (LongSupplier source : sources) {
            most = Math.max(most, source.getAsLong());
        }
        return most;
    }

    /** A measure added. */
    @FunctionalInterface
    public interface Source extends AutoCloseable {
        @Override
        void close();
    }
}
