package io.kubeling.resources.services;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printService: type, cluster IP, where traffic can come from, ports and the pods it selects. */
public class ServiceTable implements TableConvertor<Service> {

    private static final String NONE = "<none>";

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Type", "type determines how the Service is exposed. Defaults to ClusterIP. Valid "
                    + "options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a "
                    + "cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the "
                    + "selector or if that is not specified, by manual construction of an Endpoints object or "
                    + "EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints "
                    + "are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP "
                    + "and allocates a port on every node which routes to the same endpoints as the clusterIP. "
                    + "\"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the "
                    + "current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases "
                    + "this service to the specified externalName. Several other fields do not apply to ExternalName "
                    + "services. More info: "
                    + "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"),
            StandardColumns.column("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned "
                    + "randomly. If an address is specified manually, is in-range (as per system configuration), and is "
                    + "not in use, it will be allocated to the service; otherwise creation of the service will fail. "
                    + "This field may not be changed through updates unless the type field is also being changed to "
                    + "ExternalName (which requires this field to be blank) or the type field is being changed from "
                    + "ExternalName (in which case this field may optionally be specified, as describe above).  Valid "
                    + "values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a "
                    + "\"headless service\" (no virtual IP), which is useful when direct endpoint connections are "
                    + "preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and "
                    + "LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation "
                    + "will fail. This field will be wiped when updating a Service to type ExternalName. More info: "
                    + "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
            StandardColumns.column("External-IP", "externalIPs is a list of IP addresses for which nodes in the "
                    + "cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  "
                    + "The user is responsible for ensuring that traffic arrives at a node with this IP.  A common "
                    + "example is external load-balancers that are not part of the Kubernetes system."),
            StandardColumns.column("Port(s)", "The list of ports that are exposed by this service. More info: "
                    + "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
            StandardColumns.AGE,
            StandardColumns.wide("Selector", "Route service traffic to pods with label keys and values matching this "
                    + "selector. If empty or not present, the service is assumed to have an external process managing "
                    + "its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and "
                    + "LoadBalancer. Ignored if type is ExternalName. More info: "
                    + "https://kubernetes.io/docs/concepts/services-networking/service/"));

    public ServiceTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Service service, Instant now) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        String ports = ports(list(spec.getPorts()));
        return List.of(
                text(service.getMetadata().getName()),
                text(spec.getType()),
                clusterIP(spec),
                externalIP(spec, service.getStatus()),
                ports.isEmpty() ? NONE : ports,
                Ages.since(service.getMetadata().getCreationTimestamp(), now),
                SelectorText.ofLabels(spec.getSelector()));
    }

    /** The primary cluster IP: clusterIPs[0], which kube keeps equal to clusterIP. */
    private static String clusterIP(ServiceSpec spec) {
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            return text(spec.getClusterIPs().get(0));
        }
        return text(spec.getClusterIP()).isEmpty() ? NONE : spec.getClusterIP();
    }

    /** getServiceExternalIP: what reaches the service from outside the cluster, by type. */
    private static String externalIP(ServiceSpec spec, ServiceStatus status) {
        List<String> externalIPs = list(spec.getExternalIPs());
        switch (text(spec.getType())) {
            case "ClusterIP", "NodePort" -> {
                return externalIPs.isEmpty() ? NONE : String.join(",", externalIPs);
            }
            case "LoadBalancer" -> {
                String ingress = loadBalancerIngress(status == null ? null : status.getLoadBalancer());
                if (!externalIPs.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!ingress.isEmpty()) {
                        all.addAll(List.of(ingress.split(",")));
                    }
                    all.addAll(externalIPs);
                    return String.join(",", all);
                }
                // A load balancer the cloud has not provisioned yet.
                return ingress.isEmpty() ? "<pending>" : ingress;
            }
            case "ExternalName" -> {
                return text(spec.getExternalName());
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /**
     * loadBalancerStatusStringer: each ingress point's IP, or its hostname, deduplicated and sorted.
     * kube clips this to 16 characters only for narrow client-side output; the server always prints wide.
     */
    private static String loadBalancerIngress(LoadBalancerStatus status) {
        TreeSet<String> points = new TreeSet<>();
        for (LoadBalancerIngress ingress : list(status == null ? null : status.getIngress())) {
            if (!text(ingress.getIp()).isEmpty()) {
                points.add(ingress.getIp());
            } else if (!text(ingress.getHostname()).isEmpty()) {
                points.add(ingress.getHostname());
            }
        }
        return String.join(",", points);
    }

    /** makePortString: {@code port/protocol}, or {@code port:nodePort/protocol} when a node port is allocated. */
    private static String ports(List<ServicePort> ports) {
        return ports.stream().map(port -> {
            int nodePort = port.getNodePort() == null ? 0 : port.getNodePort();
            String number = port.getPort() == null ? "0" : port.getPort().toString();
            String protocol = text(port.getProtocol());
            return nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol;
        }).collect(Collectors.joining(","));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
