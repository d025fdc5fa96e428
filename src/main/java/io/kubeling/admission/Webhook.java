package io.kubeling.admission;

import java.util.List;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/**
 * One webhook of a stored configuration, with kube's defaults for what the configuration left out, as
 * kube's webhook accessor: {@code uid} tells it from a webhook of the same name in another configuration.
 */
record Webhook(String uid, String name, String configuration, boolean mutating, List<RuleWithOperations> rules,
        boolean failOpen, LabelSelector namespaceSelector, LabelSelector objectSelector, String sideEffects,
        int timeoutSeconds, boolean reinvokeIfNeeded, List<String> reviewVersions, WebhookClientConfig clientConfig,
        MatchConditions conditions, boolean equivalent) {

    static Webhook of(String configuration, int index, MutatingWebhook h) {
        return new Webhook(configuration + "/" + index, h.getName(), configuration, true, orEmpty(h.getRules()),
                "Ignore".equals(h.getFailurePolicy()), h.getNamespaceSelector(), h.getObjectSelector(),
                h.getSideEffects(), h.getTimeoutSeconds() == null ? 10 : h.getTimeoutSeconds(),
                "IfNeeded".equals(h.getReinvocationPolicy()), orEmpty(h.getAdmissionReviewVersions()),
                h.getClientConfig(), MatchConditions.compile(orEmpty(h.getMatchConditions())),
                !"Exact".equals(h.getMatchPolicy()));
    }

    static Webhook of(String configuration, int index, ValidatingWebhook h) {
        return new Webhook(configuration + "/" + index, h.getName(), configuration, false, orEmpty(h.getRules()),
                "Ignore".equals(h.getFailurePolicy()), h.getNamespaceSelector(), h.getObjectSelector(),
                h.getSideEffects(), h.getTimeoutSeconds() == null ? 10 : h.getTimeoutSeconds(), false,
                orEmpty(h.getAdmissionReviewVersions()), h.getClientConfig(),
                MatchConditions.compile(orEmpty(h.getMatchConditions())), !"Exact".equals(h.getMatchPolicy()));
    }

    /** Whether a dry-run request may call it: kube refuses those that declare side effects. */
    boolean supportsDryRun() {
        return "None".equals(sideEffects) || "NoneOnDryRun".equals(sideEffects);
    }

    /** The AdmissionReview version to send, the first of its list kube knows; null when it knows none. */
    String reviewVersion() {
        return reviewVersions.stream().filter(v -> v.equals("v1") || v.equals("v1beta1")).findFirst().orElse(null);
    }

    private static <E> List<E> orEmpty(List<E> list) {
        return list == null ? List.of() : list;
    }
}
