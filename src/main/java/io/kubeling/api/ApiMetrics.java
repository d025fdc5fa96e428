package io.kubeling.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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

    /** Meters registered once per label set: looking them up through the registry's builders costs more. */
    private final Map<RequestLabels, Timer> durations = new ConcurrentHashMap<>();
    private final Map<CodedLabels, Counter> counts = new ConcurrentHashMap<>();

    /** Counts one finished request to the resource API. */
    void request(RequestLabels labels, int code, long nanos) {
        counts.computeIfAbsent(new CodedLabels(labels, code), k -> Counter.builder("apiserver.request")
                .description("Counter of apiserver requests broken out by verb, group, version, resource, scope, "
                        + "component, and HTTP response code.")
                .tags(tags(labels)).tag("code", Integer.toString(code)).register(registry)).increment();
        durations.computeIfAbsent(labels, k -> Timer.builder("apiserver.request.duration")
                .description("Response latency distribution in seconds for each verb, group, version, resource, "
                        + "subresource, scope and component.")
                .tags(tags(labels)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String[] tags(RequestLabels labels) {
        return new String[] {"verb", labels.verb(), "group", labels.group(), "version", labels.version(),
                "resource", labels.resource(), "subresource", labels.subresource(), "scope", labels.scope(),
                "component", "apiserver"};
    }

    private record CodedLabels(RequestLabels labels, int code) {
    }

    String scrape() {
        return registry.scrape();
    }

    /** What kube labels a request with. */
    record RequestLabels(String verb, String group, String version, String resource, String subresource,
            String scope) {
    }
}
