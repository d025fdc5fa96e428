package io.kubeling.resources.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class ServiceTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final ServiceTable table = new ServiceTable();

    @Test
    void columnsAreKubesServiceColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name)
                .containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 0, 1);
        assertThat(columns).extracting(TableColumn::type).containsOnly("string");
        assertThat(columns.get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(columns.get(5)).isEqualTo(StandardColumns.AGE);
        assertThat(columns.get(4).description()).isEqualTo("The list of ports that are exposed by this service. More "
                + "info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies");
        assertThat(columns.get(3).description()).startsWith("externalIPs is a list of IP addresses for which nodes in "
                + "the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.");
    }

    @Test
    void clusterIPService() {
        Service service = service("ClusterIP").editSpec()
                .withSelector(Map.of("tier", "frontend", "app", "web"))
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort()
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .endSpec().build();

        assertThat(table.cells(service, NOW)).containsExactly(
                "web", "ClusterIP", "10.96.12.34", "<none>", "80/TCP,53/UDP", "47h", "app=web,tier=frontend");
    }

    @Test
    void nodePortsShowAfterThePortAndExternalIPsAreListed() {
        Service service = service("NodePort").editSpec()
                .addNewPort().withPort(80).withNodePort(31111).withProtocol("TCP").endPort()
                .addNewPort().withPort(443).withNodePort(31443).withProtocol("TCP").endPort()
                .withExternalIPs("192.0.2.10", "192.0.2.11")
                .endSpec().build();

        assertThat(table.cells(service, NOW).subList(1, 5))
                .containsExactly("NodePort", "10.96.12.34", "192.0.2.10,192.0.2.11", "80:31111/TCP,443:31443/TCP");
    }

    @Test
    void loadBalancerWithoutIngressIsPending() {
        Service service = service("LoadBalancer").editSpec()
                .addNewPort().withPort(443).withNodePort(30443).withProtocol("TCP").endPort()
                .endSpec().build();

        assertThat(table.cells(service, NOW).subList(3, 5)).containsExactly("<pending>", "443:30443/TCP");
    }

    @Test
    void loadBalancerIngressIsSortedAndNotClipped() {
        Service service = service("LoadBalancer").editOrNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.10").endIngress()
                .addNewIngress().withHostname("a1b2c3.elb.us-east-1.amazonaws.com").endIngress()
                .addNewIngress().withIp("198.51.100.2").endIngress()
                .addNewIngress().withIp("203.0.113.10").endIngress()
                .endLoadBalancer().endStatus().build();

        assertThat(table.cells(service, NOW).get(3))
                .isEqualTo("198.51.100.2,203.0.113.10,a1b2c3.elb.us-east-1.amazonaws.com");
    }

    @Test
    void loadBalancerIngressComesBeforeExternalIPs() {
        Service service = service("LoadBalancer").editSpec().withExternalIPs("192.0.2.10").endSpec()
                .editOrNewStatus().withNewLoadBalancer().addNewIngress().withIp("203.0.113.10").endIngress()
                .endLoadBalancer().endStatus().build();

        assertThat(table.cells(service, NOW).get(3)).isEqualTo("203.0.113.10,192.0.2.10");
    }

    @Test
    void externalNameServiceHasNoClusterIPNorPorts() {
        Service service = new ServiceBuilder()
                .withNewMetadata().withName("db").withCreationTimestamp("2024-04-01T12:00:00Z").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("db.example.com").endSpec()
                .build();

        assertThat(table.cells(service, NOW)).containsExactly(
                "db", "ExternalName", "<none>", "db.example.com", "<none>", "30d", "<none>");
    }

    @Test
    void headlessServiceShowsNone() {
        Service service = service("ClusterIP").editSpec().withClusterIP("None").withClusterIPs("None")
                .addNewPort().withPort(5432).withProtocol("TCP").endPort().endSpec().build();

        assertThat(table.cells(service, NOW).subList(2, 5)).containsExactly("None", "<none>", "5432/TCP");
    }

    /** A service created 47 hours before NOW with one cluster IP. */
    private static ServiceBuilder service(String type) {
        return new ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("default")
                .withCreationTimestamp("2024-04-29T13:00:00Z").endMetadata()
                .withNewSpec().withType(type).withClusterIP("10.96.12.34").withClusterIPs("10.96.12.34").endSpec();
    }
}
