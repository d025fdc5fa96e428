package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * kube's ValidateVolumes: unique DNS-label names and exactly one source per volume, with the
 * common sources (emptyDir, hostPath, secret, configMap, persistentVolumeClaim, nfs) checked in
 * detail. The volumes that pass are what container mounts may refer to.
 */
final class VolumeValidation {

    private static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";
    private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");

    record Result(ContainerValidation.Volumes volumes, List<FieldError> errors) {
    }

    private VolumeValidation() {
    }

    static Result validate(List<Volume> volumes, String podName, String path) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, Boolean> valid = new LinkedHashMap<>();
        Set<String> createdClaims = new HashSet<>();
        if (podName != null && !podName.isEmpty()) {
            volumes.stream().filter(v -> v.getEphemeral() != null)
                    .forEach(v -> createdClaims.add(podName + "-" + v.getName()));
        }
        for (int i = 0; i < volumes.size(); i++) {
            Volume v = volumes.get(i);
            String p = path + "[" + i + "]";
            String name = PodDefaults.nullToEmpty(v.getName());
            List<FieldError> el = source(v, p);
            if (name.isEmpty()) {
                el.add(FieldError.required(p + ".name", ""));
            } else {
                Names.dns1123Label(name).forEach(m -> el.add(FieldError.invalid(p + ".name", name, m)));
            }
            if (valid.containsKey(name)) {
                el.add(FieldError.duplicate(p + ".name", name));
            }
            if (el.isEmpty()) {
                valid.put(name, v.getPersistentVolumeClaim() != null || v.getEphemeral() != null);
            } else {
                errs.addAll(el);
            }
            if (v.getPersistentVolumeClaim() != null
                    && createdClaims.contains(v.getPersistentVolumeClaim().getClaimName())) {
                errs.add(FieldError.invalid(p + ".persistentVolumeClaim.claimName",
                        v.getPersistentVolumeClaim().getClaimName(),
                        "must not reference a PVC that gets created for an ephemeral volume"));
            }
        }
        return new Result(new ContainerValidation.Volumes(valid), errs);
    }

    private static List<FieldError> source(Volume v, String path) {
        List<FieldError> errs = new ArrayList<>();
        int count = 0;
        for (VolumeSources.Present present : VolumeSources.present(v)) {
            if (count++ > 0) {
                errs.add(FieldError.forbidden(path + "." + present.source().forbiddenPath(),
                        "may not specify more than 1 volume type"));
                continue;
            }
            String p = path + "." + present.source().field();
            Object s = present.value();
            if (s instanceof EmptyDirVolumeSource e) {
                KubeQuantity limit = KubeQuantity.of(e.getSizeLimit());
                if (limit != null && limit.value().signum() < 0) {
                    errs.add(FieldError.forbidden(p + ".sizeLimit",
                            "SizeLimit field must be a valid resource quantity"));
                }
            } else if (s instanceof HostPathVolumeSource h) {
                errs.addAll(hostPath(h, p));
            } else if (s instanceof SecretVolumeSource sec) {
                if (PodDefaults.isEmpty(sec.getSecretName())) {
                    errs.add(FieldError.required(p + ".secretName", ""));
                }
                errs.addAll(mode(sec.getDefaultMode(), p + ".defaultMode"));
                errs.addAll(items(sec.getItems(), p + ".items"));
            } else if (s instanceof ConfigMapVolumeSource cm) {
                if (PodDefaults.isEmpty(cm.getName())) {
                    errs.add(FieldError.required(p + ".name", ""));
                }
                errs.addAll(mode(cm.getDefaultMode(), p + ".defaultMode"));
                errs.addAll(items(cm.getItems(), p + ".items"));
            } else if (s instanceof PersistentVolumeClaimVolumeSource pvc) {
                if (PodDefaults.isEmpty(pvc.getClaimName())) {
                    errs.add(FieldError.required(p + ".claimName", ""));
                }
            } else if (s instanceof NFSVolumeSource nfs) {
                String nfsPath = PodDefaults.nullToEmpty(nfs.getPath());
                if (PodDefaults.isEmpty(nfs.getServer())) {
                    errs.add(FieldError.required(p + ".server", ""));
                }
                if (nfsPath.isEmpty()) {
                    errs.add(FieldError.required(p + ".path", ""));
                }
                if (!nfsPath.startsWith("/")) {
                    errs.add(FieldError.invalid(p + ".path", nfsPath, "must be an absolute path"));
                }
            }
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a volume type"));
        }
        return errs;
    }

    private static List<FieldError> hostPath(HostPathVolumeSource h, String path) {
        String hostPath = PodDefaults.nullToEmpty(h.getPath());
        if (hostPath.isEmpty()) {
            return List.of(FieldError.required(path + ".path", ""));
        }
        List<FieldError> errs = new ArrayList<>(noBacksteps(hostPath, path + ".path"));
        if (h.getType() != null && !HOST_PATH_TYPES.contains(h.getType())) {
            errs.add(FieldError.notSupported(path + ".type", h.getType(), HOST_PATH_TYPES));
        }
        return errs;
    }

    private static List<FieldError> mode(Integer mode, String path) {
        if (mode != null && (mode > 0777 || mode < 0)) {
            return List.of(FieldError.invalid(path, mode, FILE_MODE));
        }
        return List.of();
    }

    private static List<FieldError> items(List<KeyToPath> items, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            KeyToPath kp = items.get(i);
            String p = path + "[" + i + "]";
            String itemPath = PodDefaults.nullToEmpty(kp.getPath());
            if (PodDefaults.isEmpty(kp.getKey())) {
                errs.add(FieldError.required(p + ".key", ""));
            }
            if (itemPath.isEmpty()) {
                errs.add(FieldError.required(p + ".path", ""));
            }
            errs.addAll(localNonReservedPath(itemPath, p + ".path"));
            errs.addAll(mode(kp.getMode(), p + ".mode"));
        }
        return errs;
    }

    /** A path inside a volume: relative, without "..", and not starting with ".." (kube keeps those for itself). */
    private static List<FieldError> localNonReservedPath(String target, String path) {
        List<FieldError> errs = new ArrayList<>(localDescendingPath(target, path));
        if (target.startsWith("..")) {
            errs.add(FieldError.invalid(path, target, "must not start with '..'"));
        }
        return errs;
    }

    static List<FieldError> localDescendingPath(String target, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (target.startsWith("/")) {
            errs.add(FieldError.invalid(path, target, "must be a relative path"));
        }
        errs.addAll(noBacksteps(target, path));
        return errs;
    }

    private static List<FieldError> noBacksteps(String target, String path) {
        for (String part : target.replace('\\', '/').split("/", -1)) {
            if (part.equals("..")) {
                return List.of(FieldError.invalid(path, target, "must not contain '..'"));
            }
        }
        return List.of();
    }
}
