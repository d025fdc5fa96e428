package io.kubeling.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

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

    /**
     * Made on the first request counted or the first scrape rather than at every start, which it took longer than any
     * other bean of the API; the JVM's collections are counted from then on.
     */
    private final Supplier<PrometheusMeterRegistry> registry = SingletonSupplier.of(() -> {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        return meters;
    });

    /** Meters registered once per label set: looking them up through the registry's builders costs more. */
    private final Map<RequestLabels, Timer> durations = new ConcurrentHashMap<>();
    private final Map<CodedLabels, Counter> counts = new ConcurrentHashMap<>();

    /** Counts one finished request to the resource API. */
    void request(RequestLabels labels, int code, long nanos) {
        counts.computeIfAbsent(new CodedLabels(labels, code), k -> Counter.builder("apiserver.request")
                .description("Counter of apiserver requests broken out by verb, group, version, resource, scope, "
                        + "component, and HTTP response code.")
                .tags(tags(labels)).tag("code", Integer.toString(code)).register(registry.get())).increment();
        durations.computeIfAbsent(labels, k -> Timer.builder("apiserver.request.duration")
                .description("Response latency distribution in seconds for each verb, group, version, resource, "
                        + "subresource, scope and component.")
                .tags(tags(labels)).register(registry.get())).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String[] tags(RequestLabels labels) {
        return new String[] {"verb", labels.verb(), "group", labels.group(), "version", labels.version(),
                "resource", labels.resource(), "subresource", labels.subresource(), "scope", labels.scope(),
                "component", "apiserver"};
    }

    private record CodedLabels(RequestLabels labels, int code) {
    }

    String scrape() {
        return registry.get().scrape();
    }

    /** What kube labels a request with. */
    record RequestLabels(String verb, String group, String version, String resource, String subresource,
            String scope) {
    }
}
