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

    /**
     * The review versions (v1, v1beta1) a webhook is sent in, each a DNS label and none twice, one of them known
     * when {@code requireRecognized}; an empty list is required with {@code requiredDetail}.
     */
    public static List<FieldError> reviewVersions(List<String> versions, boolean requireRecognized, String path,
            String requiredDetail) {
        return WebhookValidation.reviewVersions(versions, requireRecognized, path, requiredDetail);
    }
}
