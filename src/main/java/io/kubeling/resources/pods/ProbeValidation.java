package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.NetworkSyntax;

/** kube's checks of probes and lifecycle hooks: exactly one handler, valid ports, sane timings. */
final class ProbeValidation {

    private static final String NEGATIVE = "must be greater than or equal to 0";

    private ProbeValidation() {
    }

    static List<FieldError> liveness(Probe probe, Long gracePeriod, String path) {
        if (probe == null) {
            return List.of();
        }
        List<FieldError> errs = probe(probe, gracePeriod, path);
        int success = value(probe.getSuccessThreshold());
        if (success != 1) {
            errs.add(FieldError.invalid(path + ".successThreshold", success, "must be 1"));
        }
        return errs;
    }

    static List<FieldError> startup(Probe probe, Long gracePeriod, String path) {
        return liveness(probe, gracePeriod, path);
    }

    static List<FieldError> readiness(Probe probe, Long gracePeriod, String path) {
        if (probe == null) {
            return List.of();
        }
        List<FieldError> errs = probe(probe, gracePeriod, path);
        if (probe.getTerminationGracePeriodSeconds() != null) {
            errs.add(FieldError.invalid(path + ".terminationGracePeriodSeconds",
                    probe.getTerminationGracePeriodSeconds(), "must not be set for readinessProbes"));
        }
        return errs;
    }

    static List<FieldError> lifecycle(Lifecycle lifecycle, Long gracePeriod, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (lifecycle.getPostStart() != null) {
            errs.addAll(handler(lifecycle.getPostStart(), gracePeriod, path + ".postStart"));
        }
        if (lifecycle.getPreStop() != null) {
            errs.addAll(handler(lifecycle.getPreStop(), gracePeriod, path + ".preStop"));
        }
        return errs;
    }

    private static List<FieldError> probe(Probe p, Long gracePeriod, String path) {
        List<FieldError> errs = handlers(p.getExec(), p.getHttpGet(), p.getTcpSocket(), p.getGrpc(), null,
                gracePeriod, path);
        nonNegative(errs, p.getInitialDelaySeconds(), path + ".initialDelaySeconds");
        nonNegative(errs, p.getTimeoutSeconds(), path + ".timeoutSeconds");
        nonNegative(errs, p.getPeriodSeconds(), path + ".periodSeconds");
        nonNegative(errs, p.getSuccessThreshold(), path + ".successThreshold");
        nonNegative(errs, p.getFailureThreshold(), path + ".failureThreshold");
        Long tgps = p.getTerminationGracePeriodSeconds();
        if (tgps != null && tgps <= 0) {
            errs.add(FieldError.invalid(path + ".terminationGracePeriodSeconds", tgps, "must be greater than 0"));
        }
        return errs;
    }

    private static List<FieldError> handler(LifecycleHandler h, Long gracePeriod, String path) {
        return handlers(h.getExec(), h.getHttpGet(), h.getTcpSocket(), null, h.getSleep(), gracePeriod, path);
    }

    private static List<FieldError> handlers(ExecAction exec, HTTPGetAction http, TCPSocketAction tcp, GRPCAction grpc,
            SleepAction sleep, Long gracePeriod, String path) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        if (exec != null) {
            count++;
            if (exec.getCommand().isEmpty()) {
                errs.add(FieldError.required(path + ".exec.command", ""));
            }
        }
        if (http != null) {
            if (count++ > 0) {
                errs.add(FieldError.forbidden(path + ".httpGet", "may not specify more than 1 handler type"));
            } else {
                errs.addAll(httpGet(http, path + ".httpGet"));
            }
        }
        if (tcp != null) {
            if (count++ > 0) {
                errs.add(FieldError.forbidden(path + ".tcpSocket", "may not specify more than 1 handler type"));
            } else {
                errs.addAll(port(tcp.getPort(), path + ".tcpSocket.port"));
            }
        }
        if (grpc != null) {
            if (count++ > 0) {
                errs.add(FieldError.forbidden(path + ".grpc", "may not specify more than 1 handler type"));
            } else {
                int port = value(grpc.getPort());
                NetworkSyntax.portNumber(port).forEach(m -> errs.add(FieldError.invalid(path + ".grpc.port", port, m)));
            }
        }
        if (sleep != null) {
            if (count++ > 0) {
                errs.add(FieldError.forbidden(path + ".sleep", "may not specify more than 1 handler type"));
            } else {
                long seconds = sleep.getSeconds() == null ? 0 : sleep.getSeconds();
                if (gracePeriod != null && (seconds < 0 || seconds > gracePeriod)) {
                    errs.add(FieldError.invalid(path + ".sleep", seconds,
                            "must be non-negative and less than terminationGracePeriodSeconds (" + gracePeriod + ")"));
                }
            }
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        return errs;
    }

    private static List<FieldError> httpGet(HTTPGetAction http, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (PodDefaults.isEmpty(http.getPath())) {
            errs.add(FieldError.required(path + ".path", ""));
        }
        errs.addAll(port(http.getPort(), path + ".port"));
        String scheme = PodDefaults.nullToEmpty(http.getScheme());
        if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errs.add(FieldError.notSupported(path + ".scheme", scheme, List.of("HTTP", "HTTPS")));
        }
        return errs;
    }

    private static List<FieldError> port(IntOrString port, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (port == null || port.getStrVal() == null) {
            int n = port == null || port.getIntVal() == null ? 0 : port.getIntVal();
            NetworkSyntax.portNumber(n).forEach(m -> errs.add(FieldError.invalid(path, n, m)));
        } else {
            String name = port.getStrVal();
            NetworkSyntax.portName(name).forEach(m -> errs.add(FieldError.invalid(path, name, m)));
        }
        return errs;
    }

    private static void nonNegative(List<FieldError> errs, Integer value, String path) {
        if (value != null && value < 0) {
            errs.add(FieldError.invalid(path, (long) value, NEGATIVE));
        }
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }
}
