package io.kubeling.resources.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * Kube's legacy event validation, all it applies to events written through core v1 (the stricter rules are for
 * events.k8s.io). Events without an eventTime come from old clients and are checked more loosely.
 */
final class EventValidation {

    static final int REPORTING_INSTANCE_LIMIT = 128;
    static final int ACTION_LIMIT = 128;
    static final int REASON_LIMIT = 128;
    static final int NOTE_LIMIT = 1024;

    private static final String DEFAULT_NAMESPACE = "default";
    private static final String SYSTEM_NAMESPACE = "kube-system";
    private static final String NAMESPACE_MISMATCH = "does not match event.namespace";

    private EventValidation() {
    }

    static List<FieldError> validate(Event event) {
        List<FieldError> errors = new ArrayList<>();
        String namespace = event.getMetadata() == null ? "" : text(event.getMetadata().getNamespace());
        String involvedNamespace = event.getInvolvedObject() == null ? ""
                : text(event.getInvolvedObject().getNamespace());
        if (isZero(event.getEventTime())) {
            // Old clients may put events about cluster-scoped objects in "default".
            boolean matches = involvedNamespace.isEmpty()
                    ? namespace.isEmpty() || namespace.equals(DEFAULT_NAMESPACE)
                    : namespace.equals(involvedNamespace);
            if (!matches) {
                errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
            }
        } else {
            if (involvedNamespace.isEmpty() && !namespace.equals(DEFAULT_NAMESPACE)
                    && !namespace.equals(SYSTEM_NAMESPACE)) {
                errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
            }
            // Kube names the field by its internal name, reportingController (reportingComponent in v1).
            String controller = text(event.getReportingComponent());
            if (controller.isEmpty()) {
                errors.add(FieldError.required("reportingController", ""));
            }
            for (String message : Names.qualifiedName(controller)) {
                errors.add(FieldError.invalid("reportingController", controller, message));
            }
            errors.addAll(requiredWithLimit("reportingInstance", event.getReportingInstance(), REPORTING_INSTANCE_LIMIT));
            errors.addAll(requiredWithLimit("action", event.getAction(), ACTION_LIMIT));
            errors.addAll(requiredWithLimit("reason", event.getReason(), REASON_LIMIT));
            if (bytes(event.getMessage()) > NOTE_LIMIT) {
                errors.add(tooManyCharacters("message", NOTE_LIMIT));
            }
        }
        for (String message : Names.dns1123Subdomain(namespace)) {
            errors.add(FieldError.invalid("namespace", namespace, message));
        }
        return errors;
    }

    private static List<FieldError> requiredWithLimit(String path, String value, int limit) {
        List<FieldError> errors = new ArrayList<>();
        if (text(value).isEmpty()) {
            errors.add(FieldError.required(path, ""));
        }
        if (bytes(value) > limit) {
            errors.add(tooManyCharacters(path, limit));
        }
        return errors;
    }

    /** Kube measures these in bytes but words them as characters, and leaves the value out. */
    private static FieldError tooManyCharacters(String path, int limit) {
        return FieldError.invalid(path, "", "can have at most " + limit + " characters");
    }

    /** MicroTime decodes null and Go's zero time alike; both mean the event predates eventTime. */
    private static boolean isZero(MicroTime time) {
        if (time == null || time.getTime() == null || time.getTime().isEmpty()) {
            return true;
        }
        return time.getTime().startsWith("0001-01-01T00:00:00");
    }

    private static int bytes(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
