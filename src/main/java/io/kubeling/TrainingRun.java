package io.kubeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * Docker image's build): the server stops once it is ready, the add-ons installed after it run and it has served a
 * few requests of the common kinds on its plain port, so that the archive holds the classes of the whole start,
 * those of the lifecycle, the runners and the post-start hooks (the bootstrap policy, the PKI, the secure port's TLS)
 * included, of the simulation's first pods, which a server runs in its first seconds, and of the request path, which
 * the first {@code /readyz} takes; {@code spring.context.exit=onRefresh} stopped before any of them.
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
            try {
                serveRequests(event.getApplicationContext().getEnvironment().getProperty("local.server.port",
                        Integer.class, -1));
            } catch (Exception e) {
                log.warn("the training run's requests failed: {}", e.toString());
            }
            System.exit(SpringApplication.exit(event.getApplicationContext()));
        }
    }

    /**
     * A few requests of the kinds clients send first, over the plain port as the admin: the health checks, discovery,
     * a get, a list (also as a table, as kubectl asks), a create and a delete, and one answered with a Status error.
     */
    private static void serveRequests(int port) throws IOException {
        if (port <= 0) {
            return;
        }
        String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"kubeling-training\"},\"data\":{\"k\":\"v\"}}";
        String json = "application/json";
        String[][] requests = {
            {"GET", "/readyz", null}, {"GET", "/readyz?verbose", null}, {"GET", "/livez", null},
            {"GET", "/version", null}, {"GET", "/api", null}, {"GET", "/apis", null}, {"GET", "/api/v1", null},
            {"GET", "/api/v1/namespaces/default", null}, {"GET", "/api/v1/namespaces/kube-system/pods", null},
            {"GET", "/api/v1/namespaces/kube-system/pods", "application/json;as=Table;v=v1;g=meta.k8s.io"},
            {"POST", "/api/v1/namespaces/default/configmaps", configMap},
            {"GET", "/api/v1/namespaces/default/configmaps/kubeling-training", null},
            {"DELETE", "/api/v1/namespaces/default/configmaps/kubeling-training", null},
            {"GET", "/api/v1/namespaces/default/configmaps/kubeling-training", null},
        };
        for (String[] r : requests) {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + r[1]).toURL()
                    .openConnection();
            c.setRequestMethod(r[0]);
            boolean body = r[0].equals("POST");
            c.setRequestProperty("Accept", body || r[2] == null ? json : r[2]);
            if (body) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", json);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(r[2].getBytes(StandardCharsets.UTF_8));
                }
            }
            int code = c.getResponseCode();
            try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
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
