package io.kubeling.resources.poddisruptionbudgets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printPodDisruptionBudget: the budget as given (N/A for the bound not set) and the disruptions allowed. */
public class PodDisruptionBudgetTable implements TableConvertor<PodDisruptionBudget> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Min Available", "The minimum number of pods that must be available."),
            StandardColumns.column("Max Unavailable", "The maximum number of pods that may be unavailable."),
            new TableColumn("Allowed Disruptions", "integer", "",
                    "Calculated number of pods that may be disrupted at this time.", 0),
            StandardColumns.AGE);

    public PodDisruptionBudgetTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(PodDisruptionBudget pdb, Instant now) {
        PodDisruptionBudgetSpec spec = pdb.getSpec() == null ? new PodDisruptionBudgetSpec() : pdb.getSpec();
        Integer allowed = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptionsAllowed();
        return List.of(
                pdb.getMetadata().getName() == null ? "" : pdb.getMetadata().getName(),
                text(spec.getMinAvailable()),
                text(spec.getMaxUnavailable()),
                (long) (allowed == null ? 0 : allowed),
                Ages.since(pdb.getMetadata().getCreationTimestamp(), now));
    }

    /** IntOrString.String, or N/A when unset. */
    private static String text(IntOrString value) {
        if (value == null) {
            return "N/A";
        }
        return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }
}
