package io.kubeling.resources.ingresses;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/**
 * kube's printIngress: class, up to three hosts, the load balancer's addresses (sorted, unclipped: the server prints
 * wide) and the ports, 443 too when there is TLS.
 */
public class IngressTable implements TableConvertor<Ingress> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Class",
                    "The name of the IngressClass resource that should be used for additional configuration"),
            StandardColumns.column("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
            StandardColumns.column("Address", "Address is a list containing ingress points for the load-balancer"),
            StandardColumns.column("Ports", "Ports of TLS configurations that open"),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Ingress ingress, Instant now) {
        IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
        String className = spec.getIngressClassName() == null ? "<none>" : spec.getIngressClassName();
        return List.of(ingress.getMetadata().getName(), className, hosts(IngressValidation.list(spec.getRules())),
                addresses(ingress), IngressValidation.list(spec.getTls()).isEmpty() ? "80" : "80, 443",
                Ages.since(ingress.getMetadata().getCreationTimestamp(), now));
    }

    /** formatHosts: the first three hosts of the rules (the empty ones skipped), {@code *} when there are none. */
    private static String hosts(List<IngressRule> rules) {
        List<String> list = new ArrayList<>();
        boolean more = false;
        for (IngressRule rule : rules) {
            if (list.size() == 3) {
                more = true;
            }
            if (!more && rule.getHost() != null && !rule.getHost().isEmpty()) {
                list.add(rule.getHost());
            }
        }
        if (list.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", list);
        return more ? joined + " + " + (rules.size() - 3) + " more..." : joined;
    }

    private static String addresses(Ingress ingress) {
        TreeSet<String> result = new TreeSet<>();
        if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null) {
            for (IngressLoadBalancerIngress entry : IngressValidation.list(ingress.getStatus().getLoadBalancer()
                    .getIngress())) {
                if (entry.getIp() != null && !entry.getIp().isEmpty()) {
                    result.add(entry.getIp());
                } else if (entry.getHostname() != null && !entry.getHostname().isEmpty()) {
                    result.add(entry.getHostname());
                }
            }
        }
        return String.join(",", result);
    }
}
