package io.kubeling.resources.services;

import static io.kubeling.resources.services.TestServices.port;
import static io.kubeling.resources.services.TestServices.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.registry.Strategy;

class ServiceStrategyDefaultsTest {

    private final ServiceStrategy strategy = new ServiceStrategy();

    @Test
    void namesAreDns1035LabelsPutMayCreateAndDeleteReturnsTheService() {
        assertThat(strategy.nameRule()).isEqualTo(Strategy.NameRule.DNS1035_LABEL);
        assertThat(strategy.allowCreateOnUpdate()).isTrue();
        assertThat(strategy.returnDeletedObject()).isTrue();
    }

    @Test
    void aMinimalServiceGetsKubesDefaults() {
        Service svc = new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withPorts(port(null, 80)).endSpec().build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(svc.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(svc.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(svc.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(svc.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
        ServicePort p = svc.getSpec().getPorts().get(0);
        assertThat(p.getProtocol()).isEqualTo("TCP");
        assertThat(p.getTargetPort().getIntVal()).isEqualTo(80);
        assertThat(strategy.validate(svc)).isEmpty();
    }

    @Test
    void aNamedTargetPortIsKeptAndAnEmptyOneDefaultsToThePort() {
        Service svc = service("ClusterIP", port("http", 80, "web"), port("admin", 81, "")).build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("web");
        assertThat(svc.getSpec().getPorts().get(1).getTargetPort().getIntVal()).isEqualTo(81);
    }

    @Test
    void statusIsClearedOnCreate() {
        Service svc = service("LoadBalancer", port("http", 80)).withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("1.2.3.4").endIngress().endLoadBalancer().endStatus().build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getStatus().getLoadBalancer()).isNotNull();
        assertThat(svc.getStatus().getLoadBalancer().getIngress()).isEmpty();
    }

    @Test
    void externallyAccessibleServicesGetAnExternalTrafficPolicy() {
        Service nodePort = service("NodePort", port("http", 80)).build();
        Service loadBalancer = service("LoadBalancer", port("http", 80)).build();
        Service withExternalIP = service("ClusterIP", port("http", 80)).editSpec().withExternalIPs("8.8.8.8").endSpec()
                .build();

        strategy.applyDefaults(nodePort);
        strategy.prepareForCreate(nodePort);
        strategy.applyDefaults(loadBalancer);
        strategy.prepareForCreate(loadBalancer);
        strategy.applyDefaults(withExternalIP);
        strategy.prepareForCreate(withExternalIP);

        assertThat(nodePort.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(loadBalancer.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(withExternalIP.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(loadBalancer.getSpec().getAllocateLoadBalancerNodePorts()).isTrue();
        assertThat(nodePort.getSpec().getAllocateLoadBalancerNodePorts()).isNull();
    }

    @Test
    void clientIPAffinityGetsTheDefaultTimeout() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withSessionAffinity("ClientIP").endSpec().build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
        assertThat(strategy.validate(svc)).isEmpty();
    }

    @Test
    void anExternalNameServiceGetsNoClusterIPFields() {
        Service svc = service("ExternalName").editSpec().withExternalName("example.com").endSpec().build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getSpec().getIpFamilyPolicy()).isNull();
        assertThat(svc.getSpec().getIpFamilies()).isEmpty();
        assertThat(svc.getSpec().getInternalTrafficPolicy()).isNull();
        assertThat(strategy.validate(svc)).isEmpty();
    }

    @Test
    void aSingularClusterIPFillsThePluralOne() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("10.96.0.10").endSpec().build();

        strategy.applyDefaults(svc);
        strategy.prepareForCreate(svc);

        assertThat(svc.getSpec().getClusterIPs()).containsExactly("10.96.0.10");
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(strategy.validate(svc)).isEmpty();
    }

    @Test
    void headlessServicesWithoutSelectorRequireDualStack() {
        Service selectorless = new ServiceBuilder().withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withClusterIP("None").endSpec().build();
        Service withSelector = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("None").endSpec().build();

        strategy.applyDefaults(selectorless);
        strategy.prepareForCreate(selectorless);
        strategy.applyDefaults(withSelector);
        strategy.prepareForCreate(withSelector);

        assertThat(selectorless.getSpec().getIpFamilyPolicy()).isEqualTo("RequireDualStack");
        assertThat(selectorless.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(strategy.validate(selectorless)).isEmpty();
        assertThat(withSelector.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(withSelector.getSpec().getIpFamilies()).containsExactly("IPv4");
    }

    @Test
    void selectableFieldsAreClusterIPAndType() {
        Service svc = service("ClusterIP", port("http", 80)).editSpec().withClusterIP("None").endSpec().build();

        assertThat(strategy.selectableFields(svc)).containsExactlyInAnyOrderEntriesOf(
                Map.of("spec.clusterIP", "None", "spec.type", "ClusterIP"));
    }
}
