package io.kubeling.resources.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.GoText;
import io.kubeling.resources.common.KubeTime;
import io.kubeling.resources.common.StandardColumns;

/**
 * kube's printEvent for core/v1 events: when it was last and first seen, what it is about and what
 * it says. Events recorded through events.k8s.io carry eventTime and series instead of the older
 * first/last timestamps and count, and are read from those.
 */
public class EventTable implements TableConvertor<Event> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.column("Last Seen", "The time at which the most recent occurrence of this event was "
                    + "recorded."),
            StandardColumns.column("Type", "Type of this event (Normal, Warning), new types could be added in the "
                    + "future"),
            StandardColumns.column("Reason", "This should be a short, machine understandable string that gives the "
                    + "reason for the transition into the object's current status."),
            StandardColumns.column("Object", "The object that this event is about."),
            StandardColumns.wide("Subobject", "If referring to a piece of an object instead of an entire object, "
                    + "this string should contain a valid JSON/Go field access statement, such as "
                    + "desiredState.manifest.containers[2]. For example, if the object reference is to a container "
                    + "within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers "
                    + "to the name of the container that triggered the event) or if no container name is specified "
                    + "\"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have "
                    + "some well-defined way of referencing a part of an object."),
            StandardColumns.wide("Source", "The component reporting this event. Should be a short machine "
                    + "understandable string."),
            StandardColumns.column("Message", "A human-readable description of the status of this operation."),
            StandardColumns.wide("First Seen", "The time at which the event was first recorded. (Time of server "
                    + "receipt is in TypeMeta.)"),
            StandardColumns.wide("Count", "The number of times this event has occurred."),
            new TableColumn("Name", "string", "name", StandardColumns.NAME_DESCRIPTION, 1));

    public EventTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Event event, Instant now) {
        Instant first = KubeTime.parse(event.getFirstTimestamp());
        String firstSeen = first != null ? Ages.since(first, now) : Ages.since(micro(event.getEventTime()), now);
        Instant last = KubeTime.parse(event.getLastTimestamp());
        String lastSeen = last != null ? Ages.since(last, now) : firstSeen;
        long count = event.getCount() == null ? 0 : event.getCount();
        if (event.getSeries() != null) {
            lastSeen = Ages.since(micro(event.getSeries().getLastObservedTime()), now);
            count = event.getSeries().getCount() == null ? 0 : event.getSeries().getCount();
        } else if (count == 0) {
            // Singleton events of the newer API carry no count.
            count = 1;
        }
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        return List.of(
                lastSeen,
                text(event.getType()),
                text(event.getReason()),
                target(involved),
                text(involved.getFieldPath()),
                source(event),
                GoText.trimSpace(text(event.getMessage())),
                firstSeen,
                count,
                text(event.getMetadata().getName()));
    }

    /** {@code kind/name} with the kind lowercased, or the kind alone for an unnamed object. */
    private static String target(ObjectReference involved) {
        String kind = text(involved.getKind()).toLowerCase(Locale.ROOT);
        return text(involved.getName()).isEmpty() ? kind : kind + "/" + involved.getName();
    }

    /** formatEventSource: {@code component, host}, falling back to the reporting controller and instance. */
    private static String source(Event event) {
        EventSource source = event.getSource() == null ? new EventSource() : event.getSource();
        String component = firstNonEmpty(source.getComponent(), event.getReportingComponent());
        String instance = firstNonEmpty(source.getHost(), event.getReportingInstance());
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static Instant micro(MicroTime time) {
        return time == null ? null : KubeTime.parse(time.getTime());
    }

    private static String firstNonEmpty(String first, String second) {
        return !text(first).isEmpty() ? first : text(second);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
