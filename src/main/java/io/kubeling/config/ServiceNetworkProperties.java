package io.kubeling.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service network under {@code kubeling.services.*}: the range cluster IPs are allocated from (kube's
 * --service-cluster-ip-range, IPv4), the node port range (--service-node-port-range), and the addresses
 * the simulated load balancer hands to LoadBalancer services, each entry a CIDR or a {@code first-last} range.
 */
@ConfigurationProperties("kubeling.services")
public record ServiceNetworkProperties(
        @DefaultValue("10.96.0.0/12") String serviceCidr,
        @DefaultValue("30000-32767") String nodePortRange,
        @DefaultValue("172.18.255.200-172.18.255.250") List<String> loadBalancerPool) {
}
