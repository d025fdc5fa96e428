package io.kubeling.resources.webhookconfigurations;

import java.util.List;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.kubeling.registry.validation.FieldError;

/** k8s.io/apiserver's checks of a webhook's client config, for the other webhooks kube calls (CRD conversion). */
public final class WebhookClientConfigs {

    private WebhookClientConfigs() {
    }

    /** Exactly one of url (https) or service, each checked as kube checks it, under {@code path}. */
    public static List<FieldError> validate(WebhookClientConfig config, String path) {
        return WebhookValidation.clientConfig(config, path);
    }

    /** A list of strings as Go's %#v prints a []string in an Invalid value. */
    public static Object goStrings(List<String> values) {
        return new WebhookValidation.GoStrings(values);
    }
}
