package io.kubeling.resources.certificatesigningrequests;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class CertificateSigningRequestResource {

    @Bean
    public ResourceDefinition<CertificateSigningRequest> certificatesigningrequests(Clock clock) {
        return new ResourceDefinition<>("certificates.k8s.io", "v1", "certificatesigningrequests",
                "certificatesigningrequest", "CertificateSigningRequest", false, List.of("csr"), List.of(),
                CertificateSigningRequest.class, CertificateSigningRequestList.class, new CsrStrategy(),
                Map.of("status", new CsrStatusStrategy(clock), "approval", new CsrApprovalStrategy(clock)),
                new CsrTable());
    }
}
