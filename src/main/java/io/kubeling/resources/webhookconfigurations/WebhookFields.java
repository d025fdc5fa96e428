package io.kubeling.resources.webhookconfigurations;

import java.util.List;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/** The fields mutating and validating webhooks share, read alike for validation; reinvocation is mutating's own. */
record WebhookFields(String name, List<RuleWithOperations> rules, String failurePolicy, String matchPolicy,
        String sideEffects, Integer timeoutSeconds, LabelSelector namespaceSelector, LabelSelector objectSelector,
        WebhookClientConfig clientConfig, List<String> admissionReviewVersions, List<MatchCondition> matchConditions,
        String reinvocationPolicy, boolean mutating) {

    static WebhookFields of(MutatingWebhook h) {
        return new WebhookFields(h.getName(), nonNull(h.getRules()), h.getFailurePolicy(), h.getMatchPolicy(),
                h.getSideEffects(), h.getTimeoutSeconds(), h.getNamespaceSelector(), h.getObjectSelector(),
                h.getClientConfig(), nonNull(h.getAdmissionReviewVersions()), nonNull(h.getMatchConditions()),
                h.getReinvocationPolicy(), true);
    }

    static WebhookFields of(ValidatingWebhook h) {
        return new WebhookFields(h.getName(), nonNull(h.getRules()), h.getFailurePolicy(), h.getMatchPolicy(),
                h.getSideEffects(), h.getTimeoutSeconds(), h.getNamespaceSelector(), h.getObjectSelector(),
                h.getClientConfig(), nonNull(h.getAdmissionReviewVersions()), nonNull(h.getMatchConditions()), null,
                false);
    }

    static List<WebhookFields> ofMutating(List<MutatingWebhook> hooks) {
        return nonNull(hooks).stream().map(WebhookFields::of).toList();
    }

    static List<WebhookFields> ofValidating(List<ValidatingWebhook> hooks) {
        return nonNull(hooks).stream().map(WebhookFields::of).toList();
    }

    private static <E> List<E> nonNull(List<E> list) {
        return list == null ? List.of() : list;
    }
}
