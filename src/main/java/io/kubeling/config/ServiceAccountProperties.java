package io.kubeling.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service accounts under {@code kubeling.service-accounts.*}: whether new pods get the projected token volume
 * (kube's ServiceAccount admission plugin) and whether every namespace gets the {@code kube-root-ca.crt} ConfigMap
 * (kube's root CA publisher). Both as kube does by default; a server whose clients expect namespaces and pods to
 * hold only what they wrote turns them off.
 */
@ConfigurationProperties("kubeling.service-accounts")
public record ServiceAccountProperties(
        @DefaultValue("true") boolean mountToken,
        @DefaultValue("true") boolean publishRootCa) {
}
