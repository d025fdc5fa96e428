package io.kubeling.resources.webhookconfigurations;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;

/** kube's mutatingwebhookconfiguration strategy. */
class MutatingWebhookConfigurationStrategy
        extends WebhookConfigurationStrategy<MutatingWebhookConfiguration, MutatingWebhook> {

    MutatingWebhookConfigurationStrategy() {
        super(MutatingWebhookConfiguration::getWebhooks, WebhookDefaults::apply, WebhookFields::ofMutating);
    }
}
