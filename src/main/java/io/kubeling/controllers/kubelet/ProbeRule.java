package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * How a simulated probe behaves. Probes pass (after initialDelaySeconds) unless the pod says
 * otherwise through an annotation {@code kubeling.io/<readiness|liveness|startup>[.<container>]}:
 * {@code fail} fails from the first check, {@code fail-after=30s} from that long after the first check.
 */
record ProbeRule(Duration failsFrom) {

    static final String PREFIX = "kubeling.io/";

    static ProbeRule of(Pod pod, String kind, String container) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null) {
            return new ProbeRule(null);
        }
        String value = annotations.get(PREFIX + kind + "." + container);
        if (value == null) {
            value = annotations.get(PREFIX + kind);
        }
        if (value == null) {
            return new ProbeRule(null);
        }
        value = value.trim();
        if (value.equals("fail")) {
            return new ProbeRule(Duration.ZERO);
        }
        if (value.startsWith("fail-after=")) {
            Duration after = parseDuration(value.substring("fail-after=".length()));
            return new ProbeRule(after == null ? Duration.ZERO : after);
        }
        return new ProbeRule(null);
    }

    /** A Go-style duration: {@code 30s}, {@code 1m}, {@code 1m30s}, {@code 500ms}, or plain seconds. */
    static Duration parseDuration(String text) {
        if (text.matches("[0-9]+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        var m = java.util.regex.Pattern.compile("([0-9]+)(ms|h|m|s)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        return end == text.length() && end > 0 ? total : null;
    }

    /** What the kubelet's prober reports for a failed check of this probe. */
    static String failure(Probe probe, String podIP) {
        if (probe.getHttpGet() != null) {
            return "HTTP probe failed with statuscode: 503";
        }
        if (probe.getTcpSocket() != null) {
            Object port = probe.getTcpSocket().getPort() == null ? "" : probe.getTcpSocket().getPort().getValue();
            return "dial tcp " + podIP + ":" + port + ": connect: connection refused";
        }
        if (probe.getGrpc() != null) {
            return "timeout: failed to connect service \":" + probe.getGrpc().getPort() + "\" within 1s: "
                    + "context deadline exceeded";
        }
        if (probe.getExec() != null) {
            return "command " + GoQuoted.quote(String.join(" ", probe.getExec().getCommand())) + " exited with 1";
        }
        return "";
    }

    /** Go's %q for the plain text probes carry. */
    static final class GoQuoted {
        private GoQuoted() {
        }

        static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
