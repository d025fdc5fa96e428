package io.kubeling;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.controlplane.ClusterAddonsAtStart;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;

/**
 * The class data sharing archive's training run ({@code kubeling.training-run=true}, set by {@code package} and the
 * Docker image's build): the server stops once it is ready and the add-ons installed after it run, so that the
 * archive holds the classes of the whole start, those of the lifecycle, the runners and the post-start hooks (the
 * bootstrap policy, the PKI, the secure port's TLS) included, and of the simulation's first pods, which a server
 * runs in its first seconds; {@code spring.context.exit=onRefresh} stopped before any of them.
 */
@Component
// after the add-ons' listener has started them
@Order(Ordered.LOWEST_PRECEDENCE)
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final long SETTLE_SECONDS = 60;

    private final Environment environment;
    private final ClusterAddonsAtStart addons;
    private final Registry registry;

    TrainingRun(Environment environment, ClusterAddonsAtStart addons, Registry registry) {
        this.environment = environment;
        this.addons = addons;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (environment.getProperty("kubeling.training-run", Boolean.class, false)) {
            try {
                addons.installed().get(SETTLE_SECONDS, TimeUnit.SECONDS);
                if (environment.getProperty("kubeling.simulation.control-plane.enabled", Boolean.class, true)) {
                    awaitSystemPodsRunning();
                }
            } catch (Exception e) {
                log.warn("the training run stops before the add-ons' pods run: {}", e.toString());
            }
            System.exit(SpringApplication.exit(event.getApplicationContext()));
        }
    }

    /** Until every pod of kube-system runs, within a bound: a missing image or a slow machine does not hold it. */
    private void awaitSystemPodsRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (System.nanoTime() < deadline) {
            List<Pod> pods = registry.store(Pod.class).list("kube-system", ListOptions.ALL).items();
            if (!pods.isEmpty() && pods.stream().allMatch(p -> p.getStatus() != null
                    && "Running".equals(p.getStatus().getPhase()))) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
