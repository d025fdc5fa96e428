package io.kubeling.resources.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's rules for core v1 events (pkg/registry/core/event): recorders PUT events that may not exist yet, and
 * only the legacy checks apply, on create and update alike.
 */
public class EventStrategy implements Strategy<Event> {

    public EventStrategy() {
    }

    /** Legacy event validation checks no name rule; only the store's path segment check applies. */
    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }

    @Override
    public List<FieldError> validate(Event event) {
        return EventValidation.validate(event);
    }

    @Override
    public List<FieldError> validateUpdate(Event event, Event old) {
        return EventValidation.validate(event);
    }

    @Override
    public Map<String, String> selectableFields(Event event) {
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        EventSource source = event.getSource() == null ? new EventSource() : event.getSource();
        Map<String, String> fields = new HashMap<>();
        fields.put("involvedObject.kind", text(involved.getKind()));
        fields.put("involvedObject.namespace", text(involved.getNamespace()));
        fields.put("involvedObject.name", text(involved.getName()));
        fields.put("involvedObject.uid", text(involved.getUid()));
        fields.put("involvedObject.apiVersion", text(involved.getApiVersion()));
        fields.put("involvedObject.resourceVersion", text(involved.getResourceVersion()));
        fields.put("involvedObject.fieldPath", text(involved.getFieldPath()));
        fields.put("reason", text(event.getReason()));
        fields.put("reportingComponent", text(event.getReportingComponent()));
        fields.put("source", text(source.getComponent()));
        fields.put("type", text(event.getType()));
        return fields;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
