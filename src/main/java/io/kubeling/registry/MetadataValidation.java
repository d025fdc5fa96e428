package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's ValidateObjectMeta and ValidateObjectMetaUpdate: the rules every resource shares. */
final class MetadataValidation {

    private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private MetadataValidation() {
    }

    static List<FieldError> validate(ObjectMeta meta, boolean namespaced, Strategy.NameRule rule) {
        List<FieldError> errs = new ArrayList<>();
        String name = meta.getName();
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            for (String msg : nameErrors(name, rule)) {
                errs.add(FieldError.invalid("metadata.name", name, msg));
            }
        }
        if (namespaced) {
            String ns = meta.getNamespace();
            if (ns == null || ns.isEmpty()) {
                errs.add(FieldError.required("metadata.namespace", ""));
            } else {
                for (String msg : Names.dns1123Label(ns)) {
                    errs.add(FieldError.invalid("metadata.namespace", ns, msg));
                }
            }
        } else if (meta.getNamespace() != null && !meta.getNamespace().isEmpty()) {
            errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        if (meta.getGeneration() != null && meta.getGeneration() < 0) {
            errs.add(FieldError.invalid("metadata.generation", meta.getGeneration(),
                    "must be greater than or equal to 0"));
        }
        errs.addAll(labels(meta.getLabels(), "metadata.labels"));
        errs.addAll(annotations(meta.getAnnotations()));
        errs.addAll(finalizers(meta.getFinalizers()));
        errs.addAll(ownerReferences(meta.getOwnerReferences()));
        return errs;
    }

    static List<FieldError> validateUpdate(ObjectMeta meta, ObjectMeta old) {
        List<FieldError> errs = new ArrayList<>();
        immutable(errs, "metadata.name", meta.getName(), old.getName());
        immutable(errs, "metadata.namespace", meta.getNamespace(), old.getNamespace());
        immutable(errs, "metadata.uid", meta.getUid(), old.getUid());
        immutable(errs, "metadata.creationTimestamp", meta.getCreationTimestamp(), old.getCreationTimestamp());
        if (old.getDeletionTimestamp() != null) {
            List<String> added = new ArrayList<>(meta.getFinalizers());
            added.removeAll(old.getFinalizers());
            if (!added.isEmpty()) {
                errs.add(FieldError.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + "[\"" + String.join("\" \"", added) + "\"]"));
            }
        }
        return errs;
    }

    static List<FieldError> labels(Map<String, String> labels, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            for (String msg : Names.qualifiedName(e.getKey())) {
                errs.add(FieldError.invalid(path, e.getKey(), msg));
            }
            String value = e.getValue() == null ? "" : e.getValue();
            for (String msg : Names.labelValue(value)) {
                errs.add(FieldError.invalid(path, value, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> annotations(Map<String, String> annotations) {
        List<FieldError> errs = new ArrayList<>();
        if (annotations == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            for (String msg : Names.qualifiedName(e.getKey().toLowerCase())) {
                errs.add(FieldError.invalid("metadata.annotations", e.getKey(), msg));
            }
            total += e.getKey().length() + (e.getValue() == null ? 0
                    : e.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (total > MAX_ANNOTATIONS_BYTES) {
            errs.add(new FieldError("metadata.annotations", FieldError.Type.TOO_LONG, FieldError.OMIT,
                    "may not be more than " + MAX_ANNOTATIONS_BYTES + " bytes"));
        }
        return errs;
    }

    private static List<FieldError> finalizers(List<String> finalizers) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < finalizers.size(); i++) {
            String f = finalizers.get(i);
            for (String msg : Names.qualifiedName(f)) {
                errs.add(FieldError.invalid("metadata.finalizers[" + i + "]", f, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> ownerReferences(List<OwnerReference> refs) {
        List<FieldError> errs = new ArrayList<>();
        int controllers = 0;
        for (int i = 0; i < refs.size(); i++) {
            OwnerReference ref = refs.get(i);
            String path = "metadata.ownerReferences[" + i + "]";
            if (isEmpty(ref.getApiVersion())) {
                errs.add(FieldError.invalid(path + ".apiVersion", "", "version must not be empty"));
            }
            if (isEmpty(ref.getKind())) {
                errs.add(FieldError.invalid(path + ".kind", "", "kind must not be empty"));
            }
            if (isEmpty(ref.getName())) {
                errs.add(FieldError.invalid(path + ".name", "", "name must not be empty"));
            }
            if (isEmpty(ref.getUid())) {
                errs.add(FieldError.invalid(path + ".uid", "", "uid must not be empty"));
            }
            if (Boolean.TRUE.equals(ref.getController())) {
                controllers++;
            }
        }
        if (controllers > 1) {
            errs.add(FieldError.invalid("metadata.ownerReferences", FieldError.OMIT,
                    "Only one reference can have Controller set to true"));
        }
        return errs;
    }

    static List<String> nameErrors(String name, Strategy.NameRule rule) {
        return switch (rule) {
            case DNS1123_SUBDOMAIN -> Names.dns1123Subdomain(name);
            case DNS1123_LABEL -> Names.dns1123Label(name);
            case DNS1035_LABEL -> Names.dns1035Label(name);
            case PATH_SEGMENT -> pathSegmentErrors(name);
        };
    }

    /**
     * kube bounds a path-segment name (an Event's) only by etcd's request size; the revision log's keys hold 1024
     * characters, so such a name is refused past this, well above client-go's event names (the involved object's
     * name and 17 more).
     */
    static final int MAX_PATH_SEGMENT_NAME = 512;

    private static List<String> pathSegmentErrors(String name) {
        List<String> errs = new ArrayList<>();
        if (name.length() > MAX_PATH_SEGMENT_NAME) {
            errs.add(Names.maxLength(MAX_PATH_SEGMENT_NAME));
        }
        errs.addAll(Names.pathSegmentName(name));
        return errs;
    }

    private static void immutable(List<FieldError> errs, String path, Object value, Object old) {
        if (!Objects.equals(value, old)) {
            errs.add(FieldError.invalid(path, value == null ? "" : value, "field is immutable"));
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
