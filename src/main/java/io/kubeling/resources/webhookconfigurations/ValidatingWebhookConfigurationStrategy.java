package io.kubeling.resources.webhookconfigurations;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's validatingwebhookconfiguration strategy: defaults, validation, generation bumped when the webhooks change. */
class ValidatingWebhookConfigurationStrategy implements Strategy<ValidatingWebhookConfiguration> {

    @Override
    public void prepareForCreate(ValidatingWebhookConfiguration configuration) {
        WebhookDefaults.applyValidating(configuration.getWebhooks());
    }

    @Override
    public void prepareForUpdate(ValidatingWebhookConfiguration configuration, ValidatingWebhookConfiguration old) {
        WebhookDefaults.applyValidating(configuration.getWebhooks());
    }

    @Override
    public List<FieldError> validate(ValidatingWebhookConfiguration configuration) {
        return WebhookValidation.validate(WebhookFields.ofValidating(configuration.getWebhooks()),
                WebhookValidation.Options.STRICT);
    }

    @Override
    public List<FieldError> validateUpdate(ValidatingWebhookConfiguration configuration,
            ValidatingWebhookConfiguration old) {
        return WebhookValidation.validate(WebhookFields.ofValidating(configuration.getWebhooks()),
                WebhookValidation.Options.forUpdate(WebhookFields.ofValidating(old.getWebhooks())));
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(ValidatingWebhookConfiguration configuration, ValidatingWebhookConfiguration old) {
        return !Objects.equals(configuration.getWebhooks(), old.getWebhooks());
    }
}
