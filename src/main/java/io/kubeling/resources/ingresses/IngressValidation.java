package io.kubeling.resources.ingresses;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/** kube's ValidateIngressSpec, with the leniency an update gives values an older server let in. */
final class IngressValidation {

    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");
    private static final String WILDCARD_FORMAT = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FORMAT);

    /** What an update may keep that a create may not: invalid TLS secret names, invalid rules of wildcard hosts. */
    record Leniency(boolean secretNames, boolean wildcardRules) {

        static final Leniency NONE = new Leniency(false, false);

        static Leniency of(Ingress old) {
            IngressSpec spec = old.getSpec() == null ? new IngressSpec() : old.getSpec();
            boolean secrets = list(spec.getTls()).stream()
                    .anyMatch(tls -> !secretName(tls.getSecretName()).isEmpty());
            boolean wildcards = list(spec.getRules()).stream().anyMatch(rule -> rule.getHost() != null
                    && rule.getHost().contains("*") && !ruleValue(rule.getHttp(), "", NONE).isEmpty());
            return new Leniency(secrets, wildcards);
        }
    }

    private IngressValidation() {
    }

    static List<FieldError> validate(IngressSpec spec, Leniency leniency) {
        List<FieldError> errs = new ArrayList<>();
        if (list(spec.getRules()).isEmpty() && spec.getDefaultBackend() == null) {
            // the model cannot tell an absent list from an empty one: the absent one, by far the more common, is shown
            errs.add(FieldError.invalid("spec", GoValue.of("[]networking.IngressRule(nil)"),
                    "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.getDefaultBackend() != null) {
            backend(errs, spec.getDefaultBackend(), "spec.defaultBackend");
        }
        List<IngressRule> rules = list(spec.getRules());
        for (int i = 0; i < rules.size(); i++) {
            rule(errs, rules.get(i), "spec.rules[" + i + "]", leniency);
        }
        List<IngressTLS> tls = list(spec.getTls());
        for (int i = 0; i < tls.size(); i++) {
            tls(errs, tls.get(i), "spec.tls[" + i + "]", leniency);
        }
        if (spec.getIngressClassName() != null) {
            for (String message : Names.dns1123Subdomain(spec.getIngressClassName())) {
                errs.add(FieldError.invalid("spec.ingressClassName", spec.getIngressClassName(), message));
            }
        }
        return errs;
    }

    private static void rule(List<FieldError> errs, IngressRule rule, String path, Leniency leniency) {
        boolean wildcard = false;
        String host = rule.getHost() == null ? "" : rule.getHost();
        if (!host.isEmpty()) {
            if (NetworkSyntax.ip(host) != null) {
                errs.add(FieldError.invalid(path + ".host", host, "must be a DNS name, not an IP address"));
            }
            if (host.contains("*")) {
                wildcard = true;
                wildcardHost(host).forEach(m -> errs.add(FieldError.invalid(path + ".host", host, m)));
            } else {
                Names.dns1123Subdomain(host).forEach(m -> errs.add(FieldError.invalid(path + ".host", host, m)));
            }
        }
        if (!wildcard || !leniency.wildcardRules()) {
            errs.addAll(ruleValue(rule.getHttp(), path, leniency));
        }
    }

    private static List<FieldError> ruleValue(HTTPIngressRuleValue http, String path, Leniency leniency) {
        List<FieldError> errs = new ArrayList<>();
        if (http == null) {
            return errs;
        }
        List<HTTPIngressPath> paths = list(http.getPaths());
        if (paths.isEmpty()) {
            errs.add(FieldError.required(path + ".http.paths", ""));
        }
        for (int i = 0; i < paths.size(); i++) {
            httpPath(errs, paths.get(i), path + ".http.paths[" + i + "]");
        }
        return errs;
    }

    private static void httpPath(List<FieldError> errs, HTTPIngressPath httpPath, String path) {
        String type = httpPath.getPathType();
        if (type == null) {
            errs.add(FieldError.required(path + ".pathType", "pathType must be specified"));
            return;
        }
        String value = httpPath.getPath() == null ? "" : httpPath.getPath();
        switch (type) {
            case "Exact", "Prefix" -> {
                if (!value.startsWith("/")) {
                    errs.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
                }
                if (!value.isEmpty()) {
                    for (String sequence : INVALID_SEQUENCES) {
                        if (value.contains(sequence)) {
                            errs.add(FieldError.invalid(path + ".path", value, "must not contain '" + sequence + "'"));
                        }
                    }
                    for (String suffix : INVALID_SUFFIXES) {
                        if (value.endsWith(suffix)) {
                            errs.add(FieldError.invalid(path + ".path", value, "cannot end with '" + suffix + "'"));
                        }
                    }
                }
            }
            case "ImplementationSpecific" -> {
                if (!value.isEmpty() && !value.startsWith("/")) {
                    errs.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".pathType", type, PATH_TYPES));
        }
        backend(errs, httpPath.getBackend() == null ? new IngressBackend() : httpPath.getBackend(), path + ".backend");
    }

    private static void backend(List<FieldError> errs, IngressBackend backend, String path) {
        TypedLocalObjectReference resource = backend.getResource();
        IngressServiceBackend service = backend.getService();
        if (resource != null && service != null) {
            errs.add(FieldError.invalid(path, "", "cannot set both resource and service backends"));
            return;
        }
        if (resource != null) {
            resource(errs, resource, path + ".resource");
            return;
        }
        if (service == null) {
            errs.add(FieldError.invalid(path, "", "resource or service backend is required"));
            return;
        }
        String name = service.getName() == null ? "" : service.getName();
        if (name.isEmpty()) {
            errs.add(FieldError.required(path + ".service.name", ""));
        } else {
            Names.dns1035Label(name).forEach(m -> errs.add(FieldError.invalid(path + ".service.name", name, m)));
        }
        ServiceBackendPort port = service.getPort() == null ? new ServiceBackendPort() : service.getPort();
        String portName = port.getName() == null ? "" : port.getName();
        int number = port.getNumber() == null ? 0 : port.getNumber();
        if (!portName.isEmpty() && number != 0) {
            errs.add(FieldError.invalid(path, "", "cannot set both port name & port number"));
        } else if (!portName.isEmpty()) {
            NetworkSyntax.portName(portName)
                    .forEach(m -> errs.add(FieldError.invalid(path + ".service.port.name", portName, m)));
        } else if (number != 0) {
            NetworkSyntax.portNumber(number)
                    .forEach(m -> errs.add(FieldError.invalid(path + ".service.port.number", number, m)));
        } else {
            errs.add(FieldError.required(path, "port name or number is required"));
        }
    }

    private static void resource(List<FieldError> errs, TypedLocalObjectReference ref, String path) {
        if (ref.getApiGroup() != null) {
            Names.dns1123Subdomain(ref.getApiGroup())
                    .forEach(m -> errs.add(FieldError.invalid(path + ".apiGroup", ref.getApiGroup(), m)));
        }
        for (String[] part : new String[][] {{"kind", ref.getKind()}, {"name", ref.getName()}}) {
            String value = part[1] == null ? "" : part[1];
            if (value.isEmpty()) {
                errs.add(FieldError.required(path + "." + part[0], ""));
            } else {
                Names.pathSegmentName(value).forEach(m -> errs.add(FieldError.invalid(path + "." + part[0], value, m)));
            }
        }
    }

    private static void tls(List<FieldError> errs, IngressTLS tls, String path, Leniency leniency) {
        List<String> hosts = list(tls.getHosts());
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i) == null ? "" : hosts.get(i);
            String at = path + ".hosts[" + i + "]";
            List<String> messages = host.contains("*") ? wildcardHost(host) : Names.dns1123Subdomain(host);
            messages.forEach(m -> errs.add(FieldError.invalid(at, host, m)));
        }
        if (!leniency.secretNames()) {
            String secret = tls.getSecretName();
            secretName(secret).forEach(m -> errs.add(FieldError.invalid(path + ".secretName", secret, m)));
        }
    }

    private static List<String> secretName(String name) {
        return name == null || name.isEmpty() ? List.of() : Names.dns1123Subdomain(name);
    }

    /** IsWildcardDNS1123Subdomain. */
    static List<String> wildcardHost(String host) {
        List<String> errs = new ArrayList<>();
        if (host.length() > Names.DNS1123_SUBDOMAIN_MAX) {
            errs.add(Names.maxLength(Names.DNS1123_SUBDOMAIN_MAX));
        }
        if (!WILDCARD.matcher(host).matches()) {
            errs.add("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which "
                    + "must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric "
                    + "character (e.g. '*.example.com', regex used for validation is '" + WILDCARD_FORMAT + "')");
        }
        return errs;
    }

    static <E> List<E> list(List<E> list) {
        return list == null ? List.of() : list;
    }

    /** A value printed as Go's %#v prints it. */
    private record GoValue(String text) {

        static GoValue of(String text) {
            return new GoValue(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
