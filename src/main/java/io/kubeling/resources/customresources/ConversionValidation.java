package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.WebhookConversion;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.webhookconfigurations.WebhookClientConfigs;

/**
 * Kube's validateCustomResourceConversion. Its paths are those of kube's internal type, which holds the v1
 * {@code webhook.clientConfig} and {@code webhook.conversionReviewVersions} one level up, so kube's messages
 * name {@code spec.conversion.webhookClientConfig} and {@code spec.conversion.conversionReviewVersions}.
 */
final class ConversionValidation {

    private static final String PATH = "spec.conversion";
    private static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");

    private ConversionValidation() {
    }

    /** {@code requireRecognized}: on update, only when the old CRD named a known review version (or none). */
    static List<FieldError> validate(CustomResourceConversion conversion, boolean requireRecognized) {
        List<FieldError> errs = new ArrayList<>();
        if (conversion == null) {
            return errs;
        }
        String strategy = conversion.getStrategy() == null ? "" : conversion.getStrategy();
        if (strategy.isEmpty()) {
            errs.add(FieldError.required(PATH + ".strategy", ""));
        } else if (!strategy.equals("None") && !strategy.equals("Webhook")) {
            errs.add(FieldError.notSupported(PATH + ".strategy", strategy, List.of("None", "Webhook")));
        }
        WebhookConversion webhook = conversion.getWebhook();
        boolean hasConfig = webhook != null && webhook.getClientConfig() != null;
        List<String> versions = webhook == null || webhook.getConversionReviewVersions() == null ? List.of()
                : webhook.getConversionReviewVersions();
        if (strategy.equals("Webhook")) {
            if (!hasConfig) {
                errs.add(FieldError.required(PATH + ".webhookClientConfig", "required when strategy is set to Webhook"));
            } else {
                errs.addAll(WebhookClientConfigs.validate(ConversionWebhook.clientConfig(webhook.getClientConfig()),
                        PATH + ".webhookClientConfig"));
            }
            errs.addAll(WebhookClientConfigs.reviewVersions(versions, requireRecognized,
                    PATH + ".conversionReviewVersions", ""));
        } else {
            if (hasConfig) {
                errs.add(FieldError.forbidden(PATH + ".webhookClientConfig",
                        "should not be set when strategy is not set to Webhook"));
            }
            if (!versions.isEmpty()) {
                errs.add(FieldError.forbidden(PATH + ".conversionReviewVersions",
                        "should not be set when strategy is not set to Webhook"));
            }
        }
        return errs;
    }

    /** hasValidConversionReviewVersionOrEmpty: whether an update must name a review version kube knows. */
    static boolean recognizedOrEmpty(CustomResourceConversion conversion) {
        List<String> versions = conversion == null || conversion.getWebhook() == null
                || conversion.getWebhook().getConversionReviewVersions() == null ? List.of()
                        : conversion.getWebhook().getConversionReviewVersions();
        return versions.isEmpty() || versions.stream().anyMatch(REVIEW_VERSIONS::contains);
    }
}
