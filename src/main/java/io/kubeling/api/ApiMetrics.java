package io.kubeling.api;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's metrics in Prometheus text format, named as kube-apiserver names its own
 * ({@code apiserver_request_total}, {@code apiserver_request_duration_seconds}), plus the JVM's.
 */
@Component
class ApiMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Counts one finished request to the resource API. */
    void request(RequestLabels labels, int code, long nanos) {
        String[] tags = {"verb", labels.verb(), "group", labels.group(), "version", labels.version(),
                "resource", labels.resource(), "subresource", labels.subresource(), "scope", labels.scope(),
                "component", "apiserver"};
        Counter.builder("apiserver.request").description("Counter of apiserver requests broken out by verb, "
                        + "group, version, resource, scope, component, and HTTP response code.")
                .tags(tags).tag("code", Integer.toString(code)).register(registry).increment();
        Timer.builder("apiserver.request.duration").description("Response latency distribution in seconds for "
                        + "each verb, group, version, resource, subresource, scope and component.")
                .tags(tags).register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    String scrape() {
        return registry.scrape();
    }

    /** What kube labels a request with. */
    record RequestLabels(String verb, String group, String version, String resource, String subresource,
            String scope) {
    }
}
