package io.kubeling.resources.webhookconfigurations;

import java.util.List;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/**
 * kube's admissionregistration/v1 defaults: failurePolicy Fail, matchPolicy Equivalent, empty namespace and
 * object selectors, a 10 s timeout, reinvocationPolicy Never, rules' scope "*" and a service's port 443.
 * sideEffects and admissionReviewVersions have none in v1.
 */
final class WebhookDefaults {

    private WebhookDefaults() {
    }

    static void apply(List<MutatingWebhook> hooks) {
        for (MutatingWebhook h : hooks == null ? List.<MutatingWebhook>of() : hooks) {
            h.setFailurePolicy(h.getFailurePolicy() == null ? "Fail" : h.getFailurePolicy());
            h.setMatchPolicy(h.getMatchPolicy() == null ? "Equivalent" : h.getMatchPolicy());
            h.setNamespaceSelector(h.getNamespaceSelector() == null ? new LabelSelector() : h.getNamespaceSelector());
            h.setObjectSelector(h.getObjectSelector() == null ? new LabelSelector() : h.getObjectSelector());
            h.setTimeoutSeconds(h.getTimeoutSeconds() == null ? 10 : h.getTimeoutSeconds());
            h.setReinvocationPolicy(h.getReinvocationPolicy() == null ? "Never" : h.getReinvocationPolicy());
            rules(h.getRules());
            service(h.getClientConfig());
        }
    }

    static void applyValidating(List<ValidatingWebhook> hooks) {
        for (ValidatingWebhook h : hooks == null ? List.<ValidatingWebhook>of() : hooks) {
            h.setFailurePolicy(h.getFailurePolicy() == null ? "Fail" : h.getFailurePolicy());
            h.setMatchPolicy(h.getMatchPolicy() == null ? "Equivalent" : h.getMatchPolicy());
            h.setNamespaceSelector(h.getNamespaceSelector() == null ? new LabelSelector() : h.getNamespaceSelector());
            h.setObjectSelector(h.getObjectSelector() == null ? new LabelSelector() : h.getObjectSelector());
            h.setTimeoutSeconds(h.getTimeoutSeconds() == null ? 10 : h.getTimeoutSeconds());
            rules(h.getRules());
            service(h.getClientConfig());
        }
    }

    private static void rules(List<RuleWithOperations> rules) {
        if (rules != null) {
            for (RuleWithOperations rule : rules) {
                if (rule.getScope() == null) {
                    rule.setScope("*");
                }
            }
        }
    }

    private static void service(WebhookClientConfig config) {
        if (config != null && config.getService() != null && config.getService().getPort() == null) {
            config.getService().setPort(443);
        }
    }
}
