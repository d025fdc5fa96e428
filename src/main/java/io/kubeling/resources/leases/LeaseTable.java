package io.kubeling.resources.leases;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printLease: who holds the lease, empty when nobody does. */
public class LeaseTable implements TableConvertor<Lease> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Holder", "holderIdentity contains the identity of the holder of a current lease. "
                    + "If Coordinated Leader Election is used, the holder identity must be equal to the elected "
                    + "LeaseCandidate.metadata.name field."),
            StandardColumns.AGE);

    public LeaseTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Lease lease, Instant now) {
        String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        return List.of(
                lease.getMetadata().getName() == null ? "" : lease.getMetadata().getName(),
                holder == null ? "" : holder,
                Ages.since(lease.getMetadata().getCreationTimestamp(), now));
    }
}
