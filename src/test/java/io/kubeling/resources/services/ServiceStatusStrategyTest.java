package io.kubeling.resources.services;

import static io.kubeling.resources.services.TestServices.messages;
import static io.kubeling.resources.services.TestServices.port;
import static io.kubeling.resources.services.TestServices.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

class ServiceStatusStrategyTest {

    private final ServiceStatusStrategy strategy = new ServiceStatusStrategy();

    private static Service stored(String type) {
        Service svc = service(type, port("http", 80)).build();
        new ServiceStrategy().applyDefaults(svc);
        new ServiceStrategy().prepareForCreate(svc);
        return svc;
    }

    private static Service withIngress(Service old, String ip, String ipMode, String hostname) {
        return new ServiceBuilder(old).withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip)
                .withIpMode(ipMode).withHostname(hostname).endIngress().endLoadBalancer().endStatus().build();
    }

    @Test
    void keepsTheSpecAndDefaultsTheIPMode() {
        Service old = stored("LoadBalancer");
        Service svc = withIngress(old, "1.2.3.4", null, null);
        svc.getSpec().setType("ClusterIP");

        strategy.applyDefaults(svc);
        strategy.prepareForUpdate(svc, old);

        assertThat(svc.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(svc.getStatus().getLoadBalancer().getIngress().get(0).getIpMode()).isEqualTo("VIP");
        assertThat(strategy.validateUpdate(svc, old)).isEmpty();
    }

    @Test
    void ingressIsOnlyForLoadBalancers() {
        Service old = stored("ClusterIP");
        Service svc = withIngress(old, "1.2.3.4", null, null);

        strategy.applyDefaults(svc);
        strategy.prepareForUpdate(svc, old);

        assertThat(messages(strategy.validateUpdate(svc, old))).containsExactly(
                "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'");
    }

    @Test
    void ingressFieldsAreValidated() {
        Service old = stored("LoadBalancer");
        Service badMode = withIngress(old, "1.2.3.4", "Foo", null);
        Service modeWithoutIP = withIngress(old, null, "VIP", "lb.example.com");
        Service ipAsHostname = withIngress(old, null, null, "1.2.3.4");

        for (Service svc : new Service[] {badMode, modeWithoutIP, ipAsHostname}) {
            strategy.applyDefaults(svc);
            strategy.prepareForUpdate(svc, old);
        }

        assertThat(messages(strategy.validateUpdate(badMode, old))).containsExactly(
                "status.loadBalancer.ingress[0].ipMode: Unsupported value: \"Foo\": supported values: \"Proxy\", \"VIP\"");
        assertThat(messages(strategy.validateUpdate(modeWithoutIP, old))).containsExactly(
                "status.loadBalancer.ingress[0].ipMode: Forbidden: may not be specified when `ip` is not set");
        assertThat(messages(strategy.validateUpdate(ipAsHostname, old))).containsExactly(
                "status.loadBalancer.ingress[0].hostname: Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address");
    }
}
