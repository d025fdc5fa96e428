package io.kubeling.api;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** {@code /metrics} in the Prometheus text format, as kube-apiserver serves it. */
@RestController
@Hidden
class MetricsController {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiMetrics metrics;

    MetricsController(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    ResponseEntity<String> metrics() {
        return ResponseEntity.ok().header("Content-Type", PROMETHEUS_TEXT).body(metrics.scrape());
    }
}
