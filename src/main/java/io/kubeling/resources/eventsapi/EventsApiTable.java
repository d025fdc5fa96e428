package io.kubeling.resources.eventsapi;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.events.EventTable;

/** kube prints events.k8s.io Events with the core printer, on the event converted back to the core shape. */
class EventsApiTable implements TableConvertor<Event> {

    private final EventTable core = new EventTable();

    @Override
    public List<TableColumn> columns() {
        return core.columns();
    }

    @Override
    public List<Object> cells(Event event, Instant now) {
        return core.cells(toCore(event), now);
    }

    static io.fabric8.kubernetes.api.model.Event toCore(Event e) {
        io.fabric8.kubernetes.api.model.Event c = new io.fabric8.kubernetes.api.model.Event();
        c.setMetadata(e.getMetadata());
        c.setInvolvedObject(e.getRegarding());
        c.setRelated(e.getRelated());
        c.setMessage(e.getNote());
        c.setReason(e.getReason());
        c.setType(e.getType());
        c.setAction(e.getAction());
        c.setEventTime(e.getEventTime());
        c.setReportingComponent(e.getReportingController());
        c.setReportingInstance(e.getReportingInstance());
        c.setSource(e.getDeprecatedSource() == null ? new EventSource() : e.getDeprecatedSource());
        c.setFirstTimestamp(e.getDeprecatedFirstTimestamp());
        c.setLastTimestamp(e.getDeprecatedLastTimestamp());
        c.setCount(e.getDeprecatedCount());
        if (e.getSeries() != null) {
            c.setSeries(new EventSeries(e.getSeries().getCount(), e.getSeries().getLastObservedTime()));
        }
        return c;
    }
}
