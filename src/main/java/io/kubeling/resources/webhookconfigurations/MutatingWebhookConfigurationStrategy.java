package io.kubeling.resources.webhookconfigurations;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's mutatingwebhookconfiguration strategy: defaults, validation, generation bumped when the webhooks change. */
class MutatingWebhookConfigurationStrategy implements Strategy<MutatingWebhookConfiguration> {

    @Override
    public void prepareForCreate(MutatingWebhookConfiguration configuration) {
        WebhookDefaults.apply(configuration.getWebhooks());
    }

    @Override
    public void prepareForUpdate(MutatingWebhookConfiguration configuration, MutatingWebhookConfiguration old) {
        WebhookDefaults.apply(configuration.getWebhooks());
    }

    @Override
    public List<FieldError> validate(MutatingWebhookConfiguration configuration) {
        return WebhookValidation.validate(WebhookFields.ofMutating(configuration.getWebhooks()),
                WebhookValidation.Options.STRICT);
    }

    @Override
    public List<FieldError> validateUpdate(MutatingWebhookConfiguration configuration,
            MutatingWebhookConfiguration old) {
        return WebhookValidation.validate(WebhookFields.ofMutating(configuration.getWebhooks()),
                WebhookValidation.Options.forUpdate(WebhookFields.ofMutating(old.getWebhooks())));
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(MutatingWebhookConfiguration configuration, MutatingWebhookConfiguration old) {
        return !Objects.equals(configuration.getWebhooks(), old.getWebhooks());
    }
}
