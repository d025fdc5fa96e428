package io.kubeling.memory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Gives memory back once the server falls idle, whatever command line started it: a check every
 * {@code kubeling.memory.idle-check} runs a full collection that keeps at most 30% of the heap free and trims the C
 * heap when {@link IdleCollection} says so, as G1's periodic collection (JEP 346) does for G1 alone. Between them the
 * collector keeps the JVM's own ratios (up to 70% free, sized for throughput): with 30% a busy server's caches,
 * turning over, filled the little room left and brought on a full collection every few megabytes promoted. Only in a process of
 * the server's own ({@code kubeling.memory.return-when-idle}, which the server's main method sets): a JVM that
 * embeds Kubeling, a test's, keeps its own collector's settings and pays no collection it did not ask for.
 */
@Component
class IdleMemory implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    static final String ENABLED = "kubeling.memory.return-when-idle";
    static final int MIN_FREE_PERCENT = 10;
    static final int MAX_FREE_PERCENT = 30;
    /** Under a tenth of a core used between checks: an idle server's simulation and housekeeping. */
    static final double IDLE_CPU_SHARE = 0.1;
    static final long GROWTH_BYTES = 8L << 20;

    private static final Logger log = LoggerFactory.getLogger(IdleMemory.class);

    private final JvmMemory jvm;
    private final IdleCollection policy;
    private final Duration interval;
    private ScheduledExecutorService checks;

    @Autowired
    IdleMemory(@Value("${" + ENABLED + ":false}") boolean enabled,
            @Value("${kubeling.memory.idle-check:10s}") Duration interval) {
        this(enabled ? new HotSpotMemory() : null, interval);
    }

    IdleMemory(JvmMemory jvm, Duration interval) {
        this.jvm = jvm;
        this.interval = interval;
        this.policy = new IdleCollection(IDLE_CPU_SHARE, GROWTH_BYTES);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        start();
    }

    /** From the moment the server is ready: the checks. */
    synchronized void start() {
        if (jvm == null || checks != null) {
            return;
        }
        policy.shouldCollect(jvm.sample());
        checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idle-memory");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        checks.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One check: collects and trims if the policy says so; true if it did. */
    boolean check() {
        if (jvm == null) {
            return false;
        }
        try {
            if (!policy.shouldCollect(jvm.sample())) {
                return false;
            }
            long before = jvm.sample().heapCommitted();
            String ratios = jvm.collect(MIN_FREE_PERCENT, MAX_FREE_PERCENT);
            String trimmed = jvm.trimNativeHeap();
            JvmMemory.Sample after = jvm.sample();
            policy.collected(after);
            log.debug("idle: heap committed {} -> {} KiB ({}); {}", before >> 10, after.heapCommitted() >> 10, ratios,
                    trimmed);
            return true;
        } catch (RuntimeException e) {
            log.warn("giving memory back failed", e);
            return false;
        }
    }

    @Override
    public synchronized void destroy() {
        if (checks != null) {
            checks.shutdownNow();
        }
    }
}
