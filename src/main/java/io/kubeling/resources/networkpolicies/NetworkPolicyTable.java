package io.kubeling.resources.networkpolicies;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printNetworkPolicy: the pod selector as metav1.FormatLabelSelector prints it. */
public class NetworkPolicyTable implements TableConvertor<NetworkPolicy> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies. The "
                    + "array of ingress rules is applied to any pods selected by this field. Multiple network policies "
                    + "can select the same set of pods. In this case, the ingress rules for each are combined "
                    + "additively. This field is NOT optional and follows standard label selector semantics. An empty "
                    + "podSelector matches all pods in this namespace."),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(NetworkPolicy policy, Instant now) {
        return List.of(policy.getMetadata().getName(),
                SelectorText.ofSelector(policy.getSpec() == null ? null : policy.getSpec().getPodSelector()),
                Ages.since(policy.getMetadata().getCreationTimestamp(), now));
    }
}
