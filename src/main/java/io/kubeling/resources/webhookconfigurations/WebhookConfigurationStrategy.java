package io.kubeling.resources.webhookconfigurations;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's strategy for a webhook configuration of either kind: defaults, validation, generation bumped when the
 * webhooks change. {@code C} is the configuration, {@code W} its webhook type.
 */
abstract class WebhookConfigurationStrategy<C extends HasMetadata, W> implements Strategy<C> {

    private final Function<C, List<W>> webhooks;
    private final Consumer<List<W>> defaults;
    private final Function<List<W>, List<WebhookFields>> fields;

    WebhookConfigurationStrategy(Function<C, List<W>> webhooks, Consumer<List<W>> defaults,
            Function<List<W>, List<WebhookFields>> fields) {
        this.webhooks = webhooks;
        this.defaults = defaults;
        this.fields = fields;
    }

    @Override
    public void applyDefaults(C configuration) {
        defaults.accept(webhooks.apply(configuration));
    }

    @Override
    public List<FieldError> validate(C configuration) {
        return WebhookValidation.validate(fields.apply(webhooks.apply(configuration)),
                WebhookValidation.Options.STRICT);
    }

    @Override
    public List<FieldError> validateUpdate(C configuration, C old) {
        return WebhookValidation.validate(fields.apply(webhooks.apply(configuration)),
                WebhookValidation.Options.forUpdate(fields.apply(webhooks.apply(old))));
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(C configuration, C old) {
        return !Objects.equals(webhooks.apply(configuration), webhooks.apply(old));
    }
}
