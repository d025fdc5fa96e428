package io.kubeling;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubeling.audit.AuditBackend;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.WriteAudit;

/** The registry records the components' writes in the audit log while there is one, and costs nothing without. */
@Configuration(proxyBeanMethods = false)
class ComponentAuditing {

    @Bean
    WriteAudit componentAudit(AuditBackend backend, ObjectCodec codec, KubelingProperties properties) {
        return backend.on() ? new ComponentAudit(backend, codec, properties.kubernetesVersion()) : WriteAudit.NONE;
    }
}
