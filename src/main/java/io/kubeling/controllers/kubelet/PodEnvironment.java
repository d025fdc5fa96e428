package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * A container's environment as the kubelet makes it: the image's variables, the service links of the
 * pod's namespace (and the {@code kubernetes} Service's, always), {@code envFrom}, then {@code env} with
 * its references ({@code $(VAR)} expanded from what came before).
 */
final class PodEnvironment {

    private PodEnvironment() {
    }

    static Map<String, String> of(PodWorker w, ContainerRun c, ImageCatalog.Image image) {
        Pod pod = w.pod;
        KubeletPort port = w.node.port();
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (image != null) {
            ImageName name = ImageName.parse(c.spec.getImage());
            env.putAll(image.env(name == null ? null : name.tag()));
        }
        env.put("HOSTNAME", hostname(w));
        env.put("HOME", "/root");
        Map<String, String> services = new LinkedHashMap<>();
        if (!Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks())) {
            for (Service s : port.services(namespace)) {
                links(s, services);
            }
        }
        Optional<Service> kubernetes = port.service("default", "kubernetes");
        if (kubernetes.isPresent()) {
            links(kubernetes.get(), services);
        } else {
            services.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
            services.put("KUBERNETES_SERVICE_PORT", "443");
        }
        env.putAll(services);
        for (EnvFromSource from : c.spec.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                port.configMap(namespace, from.getConfigMapRef().getName()).ifPresent(cm -> {
                    if (cm.getData() != null) {
                        cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                });
            } else if (from.getSecretRef() != null) {
                port.secret(namespace, from.getSecretRef().getName()).ifPresent(secret -> {
                    if (secret.getData() != null) {
                        secret.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
                    }
                });
            }
        }
        for (EnvVar var : c.spec.getEnv()) {
            String value = var.getValue() != null ? expand(var.getValue(), env) : from(w, c.spec, var.getValueFrom());
            env.put(var.getName(), value == null ? "" : value);
        }
        return env;
    }

    /** The pod's hostname; a pod on the host's network shares the node's UTS namespace, so the node's name. */
    static String hostname(PodWorker w) {
        Pod pod = w.pod;
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return w.node.name();
        }
        String hostname = pod.getSpec().getHostname();
        return hostname != null && !hostname.isEmpty() ? hostname : pod.getMetadata().getName();
    }

    /** The variables docker links made and the kubelet still makes for each Service with a cluster IP. */
    private static void links(Service s, Map<String, String> env) {
        String ip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
        if (ip == null || ip.isEmpty() || ip.equals("None") || s.getSpec().getPorts().isEmpty()) {
            return;
        }
        String name = s.getMetadata().getName().toUpperCase(Locale.ROOT).replace('-', '_');
        List<ServicePort> ports = s.getSpec().getPorts();
        env.put(name + "_SERVICE_HOST", ip);
        env.put(name + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
        for (ServicePort p : ports) {
            if (p.getName() != null && !p.getName().isEmpty()) {
                env.put(name + "_SERVICE_PORT_" + p.getName().toUpperCase(Locale.ROOT).replace('-', '_'),
                        String.valueOf(p.getPort()));
            }
        }
        ServicePort first = ports.get(0);
        env.put(name + "_PORT", protocol(first) + "://" + ip + ":" + first.getPort());
        for (ServicePort p : ports) {
            String proto = protocol(p);
            String prefix = name + "_PORT_" + p.getPort() + "_" + proto.toUpperCase(Locale.ROOT);
            env.put(prefix, proto + "://" + ip + ":" + p.getPort());
            env.put(prefix + "_PROTO", proto);
            env.put(prefix + "_PORT", String.valueOf(p.getPort()));
            env.put(prefix + "_ADDR", ip);
        }
    }

    private static String protocol(ServicePort p) {
        return p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
    }

    private static String from(PodWorker w, Container spec, EnvVarSource source) {
        if (source == null) {
            return "";
        }
        String namespace = w.pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            return fieldRef(w, source.getFieldRef().getFieldPath());
        }
        if (source.getConfigMapKeyRef() != null) {
            Optional<ConfigMap> cm = w.node.port().configMap(namespace, source.getConfigMapKeyRef().getName());
            return cm.map(m -> m.getData() == null ? null : m.getData().get(source.getConfigMapKeyRef().getKey()))
                    .orElse("");
        }
        if (source.getSecretKeyRef() != null) {
            Optional<Secret> secret = w.node.port().secret(namespace, source.getSecretKeyRef().getName());
            return secret.map(s -> s.getData() == null ? null : s.getData().get(source.getSecretKeyRef().getKey()))
                    .map(PodEnvironment::decode).orElse("");
        }
        if (source.getResourceFieldRef() != null) {
            String resource = source.getResourceFieldRef().getResource();
            var resources = spec.getResources();
            var values = resource != null && resource.startsWith("limits.") && resources != null
                    ? resources.getLimits() : resources == null ? null : resources.getRequests();
            String key = resource == null ? "" : resource.substring(resource.indexOf('.') + 1);
            if (values != null && values.get(key) != null) {
                return values.get(key).toString();
            }
            return key.equals("cpu") ? "2" : "8232669184";
        }
        return "";
    }

    static String fieldRef(PodWorker w, String path) {
        Pod pod = w.pod;
        if (path != null && path.startsWith("metadata.labels['")) {
            String key = path.substring("metadata.labels['".length(), path.length() - 2);
            return pod.getMetadata().getLabels() == null ? "" : pod.getMetadata().getLabels().getOrDefault(key, "");
        }
        if (path != null && path.startsWith("metadata.annotations['")) {
            String key = path.substring("metadata.annotations['".length(), path.length() - 2);
            return pod.getMetadata().getAnnotations() == null ? ""
                    : pod.getMetadata().getAnnotations().getOrDefault(key, "");
        }
        return switch (path == null ? "" : path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> w.uid;
            case "spec.nodeName" -> w.node.name();
            case "spec.serviceAccountName" -> String.valueOf(pod.getSpec().getServiceAccountName());
            case "status.hostIP" -> w.node.ip();
            case "status.podIP" -> String.valueOf(w.podIP);
            case "status.podIPs" -> String.valueOf(w.podIP);
            case "metadata.labels" -> lines(pod.getMetadata().getLabels());
            case "metadata.annotations" -> lines(pod.getMetadata().getAnnotations());
            default -> "";
        };
    }

    /** A map as the downward API writes it to a file: {@code key="value"} lines. */
    static String lines(Map<String, String> map) {
        StringBuilder out = new StringBuilder();
        if (map != null) {
            new java.util.TreeMap<>(map).forEach((k, v) -> out.append(k).append("=\"").append(v).append("\"\n"));
        }
        return out.toString().stripTrailing();
    }

    /** {@code $(VAR)} references to earlier variables, as the kubelet expands them; {@code $$} escapes. */
    static String expand(String value, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '(') {
                int end = value.indexOf(')', i);
                if (end < 0) {
                    out.append(value.substring(i));
                    break;
                }
                String name = value.substring(i + 2, end);
                out.append(env.containsKey(name) ? env.get(name) : "$(" + name + ")");
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
