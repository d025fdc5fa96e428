package io.kubeling.resources.priorityclasses;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printPriorityClass: value, whether it is the global default, and the preemption policy last. */
public class PriorityClassTable implements TableConvertor<PriorityClass> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Value", "integer", "", "value represents the integer value of this priority class. "
                    + "This is the actual priority that pods receive when they have the name of this class in their "
                    + "pod spec.", 0),
            new TableColumn("Global-Default", "boolean", "", "globalDefault specifies whether this PriorityClass "
                    + "should be considered as the default priority for pods that do not have any priority class. Only "
                    + "one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses "
                    + "exists with their `globalDefault` field set to true, the smallest value of such global default "
                    + "PriorityClasses will be used as the default priority.", 0),
            StandardColumns.AGE,
            StandardColumns.column("PreemptionPolicy", "preemptionPolicy is the Policy for preempting pods with "
                    + "lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(PriorityClass pc, Instant now) {
        return List.of(pc.getMetadata().getName(),
                (long) (pc.getValue() == null ? 0 : pc.getValue()),
                Boolean.TRUE.equals(pc.getGlobalDefault()),
                Ages.since(pc.getMetadata().getCreationTimestamp(), now),
                pc.getPreemptionPolicy() == null ? "" : pc.getPreemptionPolicy());
    }
}
