package io.kubeling.resources.persistentvolumes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.validation.FieldError;

/** kube's ValidatePersistentVolumeSpec for a volume that is not inline. */
final class PersistentVolumeValidation {

    static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");

    private PersistentVolumeValidation() {
    }

    static List<FieldError> validate(PersistentVolume pv) {
        PersistentVolumeSpec spec = pv.getSpec() == null ? new PersistentVolumeSpec() : pv.getSpec();
        List<FieldError> errs = new ArrayList<>();
        List<String> modes = spec.getAccessModes() == null ? List.of() : spec.getAccessModes();
        if (modes.isEmpty()) {
            errs.add(FieldError.required("spec.accessModes", ""));
        }
        StorageRules.accessModes(errs, modes, "spec.accessModes");
        Map<String, Quantity> capacity = spec.getCapacity() == null ? Map.of() : spec.getCapacity();
        if (capacity.isEmpty()) {
            errs.add(FieldError.required("spec.capacity", ""));
        }
        if (!capacity.containsKey("storage") || capacity.size() > 1) {
            errs.add(FieldError.notSupported("spec.capacity", goKeys(capacity), List.of("storage")));
        }
        for (var e : StorageRules.sorted(capacity).entrySet()) {
            String path = "spec.capacity[" + e.getKey() + "]";
            StorageRules.basic(errs, e.getValue(), path);
            StorageRules.positive(errs, e.getValue(), path);
        }
        String policy = spec.getPersistentVolumeReclaimPolicy();
        if (policy != null && !policy.isEmpty() && !RECLAIM_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM_POLICIES));
        }
        boolean affinity = spec.getNodeAffinity() != null && spec.getNodeAffinity().getRequired() != null;
        if (spec.getNodeAffinity() != null && spec.getNodeAffinity().getRequired() != null
                && (spec.getNodeAffinity().getRequired().getNodeSelectorTerms() == null
                        || spec.getNodeAffinity().getRequired().getNodeSelectorTerms().isEmpty())) {
            errs.add(FieldError.required("spec.nodeAffinity.required.nodeSelectorTerms",
                    "must have at least one node selector term"));
        }
        sources(errs, spec, affinity);
        if (spec.getHostPath() != null && "/".equals(clean(spec.getHostPath().getPath())) && "Recycle".equals(policy)) {
            errs.add(FieldError.forbidden("spec.persistentVolumeReclaimPolicy",
                    "may not be 'recycle' for a hostPath mount of '/'"));
        }
        StorageRules.className(errs, spec.getStorageClassName(), "spec.storageClassName");
        if (spec.getVolumeMode() != null && !StorageRules.VOLUME_MODES.contains(spec.getVolumeMode())) {
            errs.add(FieldError.notSupported("spec.volumeMode", spec.getVolumeMode(), StorageRules.VOLUME_MODES));
        }
        return errs;
    }

    /** Exactly one volume source, checked in kube's order; the fields the simulated ones need. */
    private static void sources(List<FieldError> errs, PersistentVolumeSpec spec, boolean affinity) {
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("hostPath", spec.getHostPath());
        sources.put("gcePersistentDisk", spec.getGcePersistentDisk());
        sources.put("awsElasticBlockStore", spec.getAwsElasticBlockStore());
        sources.put("glusterfs", spec.getGlusterfs());
        sources.put("flocker", spec.getFlocker());
        sources.put("nfs", spec.getNfs());
        sources.put("rbd", spec.getRbd());
        sources.put("quobyte", spec.getQuobyte());
        sources.put("cephFS", spec.getCephfs());
        sources.put("iscsi", spec.getIscsi());
        sources.put("cinder", spec.getCinder());
        sources.put("fc", spec.getFc());
        sources.put("flexVolume", spec.getFlexVolume());
        sources.put("azureFile", spec.getAzureFile());
        sources.put("vsphereVolume", spec.getVsphereVolume());
        sources.put("photonPersistentDisk", spec.getPhotonPersistentDisk());
        sources.put("portworxVolume", spec.getPortworxVolume());
        sources.put("azureDisk", spec.getAzureDisk());
        sources.put("scaleIO", spec.getScaleIO());
        sources.put("local", spec.getLocal());
        sources.put("storageos", spec.getStorageos());
        sources.put("csi", spec.getCsi());
        int count = 0;
        for (var e : sources.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            // kube counts flexVolume without refusing a second source there
            if (count > 0 && !e.getKey().equals("flexVolume")) {
                errs.add(FieldError.forbidden("spec." + e.getKey(), "may not specify more than 1 volume type"));
                continue;
            }
            count++;
            source(errs, spec, e.getKey(), affinity);
        }
        if (count == 0) {
            errs.add(FieldError.required("spec", "must specify a volume type"));
        }
    }

    private static void source(List<FieldError> errs, PersistentVolumeSpec spec, String kind, boolean affinity) {
        switch (kind) {
            case "hostPath" -> {
                if (empty(spec.getHostPath().getPath())) {
                    errs.add(FieldError.required("spec.hostPath.path", ""));
                } else {
                    noBacksteps(errs, spec.getHostPath().getPath(), "spec.hostPath.path");
                }
            }
            case "nfs" -> {
                if (empty(spec.getNfs().getServer())) {
                    errs.add(FieldError.required("spec.nfs.server", ""));
                }
                if (empty(spec.getNfs().getPath())) {
                    errs.add(FieldError.required("spec.nfs.path", ""));
                } else if (!spec.getNfs().getPath().startsWith("/")) {
                    errs.add(FieldError.invalid("spec.nfs.path", spec.getNfs().getPath(), "must be an absolute path"));
                }
            }
            case "local" -> {
                if (empty(spec.getLocal().getPath())) {
                    errs.add(FieldError.required("spec.local.path", ""));
                } else {
                    noBacksteps(errs, spec.getLocal().getPath(), "spec.local.path");
                }
                if (!affinity) {
                    errs.add(FieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
                }
            }
            case "csi" -> {
                if (empty(spec.getCsi().getDriver())) {
                    errs.add(FieldError.required("spec.csi.driver", ""));
                }
                if (empty(spec.getCsi().getVolumeHandle())) {
                    errs.add(FieldError.required("spec.csi.volumeHandle", ""));
                }
            }
            default -> {
            }
        }
    }

    private static void noBacksteps(List<FieldError> errs, String path, String field) {
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                errs.add(FieldError.invalid(field, path, "must not contain '..'"));
                return;
            }
        }
    }

    /** Go's path.Clean, lexically: "." and ".." segments resolved, repeated slashes dropped. */
    static String clean(String path) {
        if (path == null || path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    /** The capacity's keys as Go prints a []ResourceName value. */
    private static Object goKeys(Map<String, Quantity> capacity) {
        return new GoLiteral("[]core.ResourceName{" + String.join(", ",
                StorageRules.keys(capacity).stream().map(k -> "\"" + k + "\"").toList()) + "}");
    }

    private record GoLiteral(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    static boolean sameSource(PersistentVolumeSpec a, PersistentVolumeSpec b) {
        PersistentVolumeSpec x = sourceOnly(a);
        PersistentVolumeSpec y = sourceOnly(b);
        return Objects.equals(x, y);
    }

    private static PersistentVolumeSpec sourceOnly(PersistentVolumeSpec s) {
        PersistentVolumeSpec copy = new PersistentVolumeSpec();
        copy.setHostPath(s.getHostPath());
        copy.setGcePersistentDisk(s.getGcePersistentDisk());
        copy.setAwsElasticBlockStore(s.getAwsElasticBlockStore());
        copy.setGlusterfs(s.getGlusterfs());
        copy.setFlocker(s.getFlocker());
        copy.setNfs(s.getNfs());
        copy.setRbd(s.getRbd());
        copy.setQuobyte(s.getQuobyte());
        copy.setCephfs(s.getCephfs());
        copy.setIscsi(s.getIscsi());
        copy.setCinder(s.getCinder());
        copy.setFc(s.getFc());
        copy.setFlexVolume(s.getFlexVolume());
        copy.setAzureFile(s.getAzureFile());
        copy.setVsphereVolume(s.getVsphereVolume());
        copy.setPhotonPersistentDisk(s.getPhotonPersistentDisk());
        copy.setPortworxVolume(s.getPortworxVolume());
        copy.setAzureDisk(s.getAzureDisk());
        copy.setScaleIO(s.getScaleIO());
        copy.setLocal(s.getLocal());
        copy.setStorageos(s.getStorageos());
        copy.setCsi(s.getCsi());
        return copy;
    }
}
