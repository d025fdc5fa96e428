package io.kubeling.admission;

import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.resources.common.LabelSelectors;

/** kube's namespace and object matchers, shared by the admission webhooks and the admission policies. */
final class SelectorMatch {

    private SelectorMatch() {
    }

    /**
     * Whether the request's namespace has labels {@code selector} selects; cluster-scoped requests other than to
     * namespaces always match.
     */
    static boolean namespace(LabelSelector selector, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels) {
        boolean namespaceObject = ResourceRules.isNamespaces(request.resource());
        if (!request.resource().namespaced() && !namespaceObject) {
            return true;
        }
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        Map<String, String> labels;
        if (namespaceObject && request.subresource() == null && request.object() != null) {
            // a namespace being created or updated is matched by the labels it is about to have
            labels = request.object().getMetadata().getLabels();
        } else {
            labels = namespaceLabels.apply(namespaceObject ? request.name() : request.namespace());
        }
        return LabelSelectors.matches(selector, labels);
    }

    /** Whether {@code selector} selects the object or the object it replaces. */
    static boolean object(LabelSelector selector, AdmissionRequest<?> request) {
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        return labelsMatch(selector, request.object()) || labelsMatch(selector, request.oldObject());
    }

    private static boolean labelsMatch(LabelSelector selector, HasMetadata object) {
        return object != null && object.getMetadata() != null
                && LabelSelectors.matches(selector, object.getMetadata().getLabels());
    }
}
