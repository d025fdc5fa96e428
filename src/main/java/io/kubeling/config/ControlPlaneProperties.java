package io.kubeling.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the cluster shows kubeadm's system workloads under {@code kubeling.simulation.control-plane.*}: the
 * {@code kube-dns} Service with the CoreDNS Deployment and the kube-proxy DaemonSet in {@code kube-system}.
 */
@ConfigurationProperties("kubeling.simulation.control-plane")
public record ControlPlaneProperties(@DefaultValue("true") boolean enabled) {
}
