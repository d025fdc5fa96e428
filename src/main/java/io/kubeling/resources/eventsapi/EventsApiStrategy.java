package io.kubeling.resources.eventsapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * kube's event strategy for a request in events.k8s.io/v1: ValidateEventCreate's rules for that version (an event
 * time, the reporting controller and instance, an action and a reason, none of the deprecated fields), and the
 * fields that describe what happened fixed once written. Like core events, a PUT of an absent event creates it.
 */
class EventsApiStrategy implements Strategy<Event> {

    private static final int LIMIT = 128;
    private static final int NOTE_LIMIT = 1024;

    @Override
    public List<FieldError> validate(Event event) {
        List<FieldError> errs = new ArrayList<>();
        String controller = nz(event.getReportingController());
        if (controller.isEmpty()) {
            errs.add(FieldError.required("reportingController", ""));
        }
        Names.qualifiedName(controller).forEach(m -> errs.add(FieldError.invalid("reportingController", controller, m)));
        String instance = nz(event.getReportingInstance());
        if (instance.isEmpty()) {
            errs.add(FieldError.required("reportingInstance", ""));
        }
        if (instance.length() > LIMIT) {
            errs.add(FieldError.invalid("reportingInstance", "", "can have at most " + LIMIT + " characters"));
        }
        String action = nz(event.getAction());
        if (action.isEmpty()) {
            errs.add(FieldError.required("action", ""));
        }
        if (action.length() > LIMIT) {
            errs.add(FieldError.invalid("action", "", "can have at most " + LIMIT + " characters"));
        }
        String reason = nz(event.getReason());
        if (reason.isEmpty()) {
            errs.add(FieldError.required("reason", ""));
        }
        if (reason.length() > LIMIT) {
            errs.add(FieldError.invalid("reason", "", "can have at most " + LIMIT + " characters"));
        }
        if (nz(event.getNote()).length() > NOTE_LIMIT) {
            errs.add(FieldError.invalid("note", "", "can have at most " + NOTE_LIMIT + " characters"));
        }
        if (event.getEventTime() == null || event.getEventTime().getTime() == null) {
            errs.add(FieldError.required("eventTime", ""));
        }
        String type = nz(event.getType());
        if (!type.equals("Normal") && !type.equals("Warning")) {
            errs.add(FieldError.invalid("type", "", "has invalid value: " + type));
        }
        if (event.getDeprecatedFirstTimestamp() != null) {
            errs.add(FieldError.invalid("deprecatedFirstTimestamp", "", "needs to be unset"));
        }
        if (event.getDeprecatedLastTimestamp() != null) {
            errs.add(FieldError.invalid("deprecatedLastTimestamp", "", "needs to be unset"));
        }
        if (event.getDeprecatedCount() != null && event.getDeprecatedCount() != 0) {
            errs.add(FieldError.invalid("deprecatedCount", "", "needs to be unset"));
        }
        if (event.getDeprecatedSource() != null && (!nz(event.getDeprecatedSource().getComponent()).isEmpty()
                || !nz(event.getDeprecatedSource().getHost()).isEmpty())) {
            errs.add(FieldError.invalid("deprecatedSource", "", "needs to be unset"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(Event event, Event old) {
        List<FieldError> errs = new ArrayList<>();
        immutable(errs, event.getRegarding(), old.getRegarding(), "regarding");
        immutable(errs, event.getRelated(), old.getRelated(), "related");
        immutable(errs, event.getType(), old.getType(), "type");
        immutable(errs, event.getReason(), old.getReason(), "reason");
        immutable(errs, event.getAction(), old.getAction(), "action");
        immutable(errs, event.getReportingController(), old.getReportingController(), "reportingController");
        immutable(errs, event.getReportingInstance(), old.getReportingInstance(), "reportingInstance");
        immutable(errs, event.getEventTime(), old.getEventTime(), "eventTime");
        immutable(errs, event.getNote(), old.getNote(), "note");
        return errs;
    }

    private static void immutable(List<FieldError> errs, Object now, Object before, String path) {
        if (!Objects.equals(now, before)) {
            errs.add(FieldError.invalid(path, now instanceof String s ? s : FieldError.OMIT, "field is immutable"));
        }
    }

    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
