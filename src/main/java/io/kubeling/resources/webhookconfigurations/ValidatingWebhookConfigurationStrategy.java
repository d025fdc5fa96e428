package io.kubeling.resources.webhookconfigurations;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;

/** kube's validatingwebhookconfiguration strategy. */
class ValidatingWebhookConfigurationStrategy
        extends WebhookConfigurationStrategy<ValidatingWebhookConfiguration, ValidatingWebhook> {

    ValidatingWebhookConfigurationStrategy() {
        super(ValidatingWebhookConfiguration::getWebhooks, WebhookDefaults::applyValidating,
                WebhookFields::ofValidating);
    }
}
