package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's ValidateEnv and ValidateEnvFrom: variable names and where their values come from. */
final class EnvValidation {

    private static final Set<String> FIELD_PATHS = new TreeSet<>(Set.of("metadata.name", "metadata.namespace",
            "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs"));
    /** The pod fields the v1 downward API can name at all (a superset of what env vars may use). */
    private static final Set<String> CONVERTIBLE = Set.of("metadata.annotations", "metadata.labels",
            "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy",
            "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs");
    private static final Set<String> RESOURCE_PATHS = new TreeSet<>(Set.of("limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"));
    private static final Pattern SUBSCRIPTED = Pattern.compile("(metadata\\.(?:annotations|labels))\\['(.*)'\\]");

    private EnvValidation() {
    }

    static List<FieldError> env(List<EnvVar> vars, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            EnvVar ev = vars.get(i);
            String p = path + "[" + i + "]";
            String name = PodDefaults.nullToEmpty(ev.getName());
            if (name.isEmpty()) {
                errs.add(FieldError.required(p + ".name", ""));
            } else {
                PodSyntax.envVarName(name).forEach(m -> errs.add(FieldError.invalid(p + ".name", name, m)));
            }
            errs.addAll(valueFrom(ev, p + ".valueFrom"));
        }
        return errs;
    }

    private static List<FieldError> valueFrom(EnvVar ev, String path) {
        List<FieldError> errs = new ArrayList<>();
        EnvVarSource from = ev.getValueFrom();
        if (from == null) {
            return errs;
        }
        int sources = 0;
        if (from.getFieldRef() != null) {
            sources++;
            errs.addAll(fieldRef(from.getFieldRef(), path + ".fieldRef"));
        }
        if (from.getResourceFieldRef() != null) {
            sources++;
            errs.addAll(resourceFieldRef(from.getResourceFieldRef(), path + ".resourceFieldRef"));
        }
        if (from.getConfigMapKeyRef() != null) {
            sources++;
            errs.addAll(keySelector(from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey(),
                    path + ".configMapKeyRef"));
        }
        if (from.getSecretKeyRef() != null) {
            sources++;
            errs.addAll(keySelector(from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey(),
                    path + ".secretKeyRef"));
        }
        if (from.getFileKeyRef() != null) {
            sources++;
        }
        if (sources == 0) {
            errs.add(FieldError.invalid(path, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!PodDefaults.isEmpty(ev.getValue())) {
            errs.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<FieldError> fieldRef(ObjectFieldSelector fs, String path) {
        if (PodDefaults.isEmpty(fs.getApiVersion())) {
            return List.of(FieldError.required(path + ".apiVersion", ""));
        }
        String fieldPath = PodDefaults.nullToEmpty(fs.getFieldPath());
        if (fieldPath.isEmpty()) {
            return List.of(FieldError.required(path + ".fieldPath", ""));
        }
        if (!"v1".equals(fs.getApiVersion())) {
            return List.of(FieldError.invalid(path + ".fieldPath", fieldPath,
                    "error converting fieldPath: unsupported pod version: " + fs.getApiVersion()));
        }
        Matcher sub = SUBSCRIPTED.matcher(fieldPath);
        String base = sub.matches() ? sub.group(1) : fieldPath;
        if (!CONVERTIBLE.contains(base)) {
            return List.of(FieldError.invalid(path + ".fieldPath", fieldPath,
                    "error converting fieldPath: field label not supported: " + fieldPath));
        }
        List<FieldError> errs = new ArrayList<>();
        if (sub.matches()) {
            String key = base.equals("metadata.annotations") ? sub.group(2).toLowerCase() : sub.group(2);
            Names.qualifiedName(key).forEach(m -> errs.add(FieldError.invalid(path, key, m)));
        } else if (!FIELD_PATHS.contains(fieldPath)) {
            errs.add(FieldError.notSupported(path + ".fieldPath", fieldPath, List.copyOf(FIELD_PATHS)));
        }
        return errs;
    }

    private static List<FieldError> resourceFieldRef(ResourceFieldSelector fs, String path) {
        String resource = PodDefaults.nullToEmpty(fs.getResource());
        if (resource.isEmpty()) {
            return List.of(FieldError.required(path + ".resource", ""));
        }
        boolean hugePages = resource.startsWith("requests.hugepages-") || resource.startsWith("limits.hugepages-");
        if (!RESOURCE_PATHS.contains(resource) && !hugePages) {
            return List.of(FieldError.notSupported(path + ".resource", resource, List.copyOf(RESOURCE_PATHS)));
        }
        return List.of();
    }

    private static List<FieldError> keySelector(String name, String key, String path) {
        List<FieldError> errs = new ArrayList<>();
        String n = PodDefaults.nullToEmpty(name);
        Names.dns1123Subdomain(n).forEach(m -> errs.add(FieldError.invalid(path + ".name", n, m)));
        String k = PodDefaults.nullToEmpty(key);
        if (k.isEmpty()) {
            errs.add(FieldError.required(path + ".key", ""));
        } else {
            Names.configMapKey(k).forEach(m -> errs.add(FieldError.invalid(path + ".key", k, m)));
        }
        return errs;
    }

    static List<FieldError> envFrom(List<EnvFromSource> sources, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            EnvFromSource s = sources.get(i);
            String p = path + "[" + i + "]";
            String prefix = PodDefaults.nullToEmpty(s.getPrefix());
            if (!prefix.isEmpty()) {
                PodSyntax.envVarName(prefix).forEach(m -> errs.add(FieldError.invalid(p + ".prefix", prefix, m)));
            }
            int count = 0;
            if (s.getConfigMapRef() != null) {
                count++;
                errs.addAll(refName(s.getConfigMapRef().getName(), p + ".configMapRef.name"));
            }
            if (s.getSecretRef() != null) {
                count++;
                errs.addAll(refName(s.getSecretRef().getName(), p + ".secretRef.name"));
            }
            // kube reports these two at the list's path
            if (count == 0) {
                errs.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (count > 1) {
                errs.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    /** A ConfigMap or Secret name checked as a prefix: a trailing '-' is allowed. */
    private static List<FieldError> refName(String name, String path) {
        String n = PodDefaults.nullToEmpty(name);
        if (n.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        String masked = n.endsWith("-") ? n.substring(0, n.length() - 1) + "a" : n;
        List<FieldError> errs = new ArrayList<>();
        Names.dns1123Subdomain(masked).forEach(m -> errs.add(FieldError.invalid(path, n, m)));
        return errs;
    }
}
