package io.kubeling.resources.webhookconfigurations;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationList;
import io.kubeling.registry.ResourceDefinition;

/** admissionregistration.k8s.io/v1's webhook configurations, cluster-scoped, as kube serves them. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfigurationResource {

    static final String GROUP = "admissionregistration.k8s.io";

    @Bean
    public ResourceDefinition<MutatingWebhookConfiguration> mutatingWebhookConfigurations() {
        return new ResourceDefinition<>(GROUP, "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration",
                "MutatingWebhookConfiguration", false, List.of(), List.of("api-extensions"),
                MutatingWebhookConfiguration.class, MutatingWebhookConfigurationList.class,
                new MutatingWebhookConfigurationStrategy(), Map.of(),
                new WebhookConfigurationTable<>(c -> c.getWebhooks() == null ? 0 : c.getWebhooks().size()));
    }

    @Bean
    public ResourceDefinition<ValidatingWebhookConfiguration> validatingWebhookConfigurations() {
        return new ResourceDefinition<>(GROUP, "v1", "validatingwebhookconfigurations",
                "validatingwebhookconfiguration", "ValidatingWebhookConfiguration", false, List.of(),
                List.of("api-extensions"), ValidatingWebhookConfiguration.class,
                ValidatingWebhookConfigurationList.class, new ValidatingWebhookConfigurationStrategy(), Map.of(),
                new WebhookConfigurationTable<>(c -> c.getWebhooks() == null ? 0 : c.getWebhooks().size()));
    }
}
