package io.kubeling.resources.services;

import static io.kubeling.resources.services.TestServices.port;
import static io.kubeling.resources.services.TestServices.service;
import static io.kubeling.resources.services.TestServices.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;

class ServiceStrategyUpdateTest {

    /** A service as stored after create and allocation. */
    private static Service stored(String type) {
        ServicePort p = port("http", 80);
        if (!type.equals("ClusterIP")) {
            p.setNodePort(30080);
        }
        Service svc = service(type, p).editSpec().withClusterIP("10.96.0.10").endSpec().build();
        new ServiceStrategy().applyDefaults(svc);
        new ServiceStrategy().prepareForCreate(svc);
        return svc;
    }

    @Test
    void theClusterIPMayNotChange() {
        Service old = stored("ClusterIP");
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("10.96.0.11")
                .withClusterIPs("10.96.0.11").endSpec().build();

        assertThat(update(svc, old)).containsExactly(
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set");
    }

    @Test
    void changingOnlyTheSingularClusterIPIsCaughtAgainstThePlural() {
        Service old = stored("ClusterIP");
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("10.96.0.11").endSpec().build();

        assertThat(update(svc, old)).containsExactly(
                "spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: first value must match `clusterIP`");
    }

    @Test
    void allocatedValuesLeftOutOfAnUpdateAreKept() {
        Service old = stored("NodePort");
        Service svc = service("NodePort", port("http", 80)).build();

        assertThat(update(svc, old)).isEmpty();
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(svc.getSpec().getClusterIPs()).containsExactly("10.96.0.10");
        assertThat(svc.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(svc.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
    }

    @Test
    void statusIsKeptFromTheStoredObject() {
        Service old = stored("LoadBalancer");
        old.getStatus().getLoadBalancer().setIngress(
                new ServiceBuilder().withNewStatus().withNewLoadBalancer().addNewIngress().withIp("1.2.3.4")
                        .withIpMode("VIP").endIngress().endLoadBalancer().endStatus().build()
                        .getStatus().getLoadBalancer().getIngress());
        Service svc = service("LoadBalancer", port("http", 80)).withNewStatus().endStatus().build();

        new ServiceStrategy().applyDefaults(svc);
        new ServiceStrategy().prepareForUpdate(svc, old);

        assertThat(svc.getStatus().getLoadBalancer().getIngress()).extracting("ip").containsExactly("1.2.3.4");
    }

    @Test
    void switchingToExternalNameDropsTheClusterIPFields() {
        Service old = stored("ClusterIP");
        Service svc = new ServiceBuilder(old).editSpec().withType("ExternalName").withExternalName("db.example.com")
                .withPorts().withSelector(null).endSpec().build();

        assertThat(update(svc, old)).isEmpty();
        assertThat(svc.getSpec().getClusterIP()).isNull();
        assertThat(svc.getSpec().getClusterIPs()).isNullOrEmpty();
        assertThat(svc.getSpec().getIpFamilies()).isNullOrEmpty();
        assertThat(svc.getSpec().getIpFamilyPolicy()).isNull();
    }

    @Test
    void leavingLoadBalancerDropsItsFieldsAndStatus() {
        Service old = stored("LoadBalancer");
        old.getStatus().getLoadBalancer().getIngress().add(new io.fabric8.kubernetes.api.model.LoadBalancerIngress(
                null, "1.2.3.4", "VIP", null));
        Service svc = new ServiceBuilder(old).editSpec().withType("ClusterIP").endSpec().build();

        assertThat(update(svc, old)).isEmpty();
        assertThat(svc.getSpec().getAllocateLoadBalancerNodePorts()).isNull();
        assertThat(svc.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(svc.getSpec().getPorts().get(0).getNodePort()).isNull();
        assertThat(svc.getStatus().getLoadBalancer().getIngress()).isEmpty();
    }

    @Test
    void theLoadBalancerClassMayNotChange() {
        Service old = stored("LoadBalancer");
        old.getSpec().setLoadBalancerClass("example.com/a");
        Service svc = new ServiceBuilder(old).editSpec().withLoadBalancerClass("example.com/b").endSpec().build();

        assertThat(update(svc, old)).containsExactly(
                "spec.loadBalancerClass: Invalid value: \"example.com/b\": may not change once set");
    }

    @Test
    void theHealthCheckNodePortMayNotChange() {
        Service old = stored("LoadBalancer");
        old.getSpec().setExternalTrafficPolicy("Local");
        old.getSpec().setHealthCheckNodePort(31000);
        Service svc = new ServiceBuilder(old).editSpec().withHealthCheckNodePort(31001).endSpec().build();

        assertThat(update(svc, old)).containsExactly("spec.healthCheckNodePort: Forbidden: field is immutable");
    }

    @Test
    void noGenerationBump() {
        Service old = stored("ClusterIP");
        assertThat(new ServiceStrategy().specChanged(stored("NodePort"), old)).isFalse();
    }
}
