package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access reviews' field and label selectors (kube 1.31+): checked as kube checks them, and the field selector
 * handed to the authorizer, so that a node's list of the pods bound to it is answered as the Node authorizer does.
 */
class AccessReviewSelectorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RbacClusters rbac = RbacClusters.nodeRbac();
    private final AccessReviews.SubjectReview reviews = new AccessReviews.SubjectReview(rbac.authorizer, false);
    private final AccessReviews.SelfReview self = new AccessReviews.SelfReview(rbac.authorizer);

    @AfterEach
    void close() {
        rbac.cluster.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> review(String json) {
        return JSON.readValue(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(String selector) {
        Map<String, Object> answer = reviews.create(null, review("""
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                 "spec": {"user": "system:node:n1", "groups": ["system:nodes", "system:authenticated"],
                          "resourceAttributes": {"verb": "list", "resource": "pods" %s}}}""".formatted(selector)),
                UserInfo.ADMIN);
        return (Map<String, Object>) answer.get("status");
    }

    @Test
    void aNodeMayListThePodsItsFieldSelectorBindsToIt() {
        assertThat(status(", \"fieldSelector\": {\"rawSelector\": \"spec.nodeName=n1\"}")).containsEntry("allowed", true);
        assertThat(status(", \"fieldSelector\": {\"requirements\": [{\"key\": \"spec.nodeName\", \"operator\": \"In\","
                + " \"values\": [\"n1\"]}]}")).containsEntry("allowed", true);
        assertThat(status(", \"fieldSelector\": {\"rawSelector\": \"spec.nodeName=n2\"}"))
                .containsEntry("allowed", false);
        assertThat(status(", \"fieldSelector\": {\"requirements\": [{\"key\": \"spec.nodeName\", \"operator\": "
                + "\"NotIn\", \"values\": [\"n2\"]}]}")).containsEntry("allowed", false);
        assertThat(status(", \"fieldSelector\": {\"requirements\": [{\"key\": \"spec.nodeName\", \"operator\": \"In\","
                + " \"values\": [\"n1\", \"n2\"]}]}")).containsEntry("allowed", false);
        Map<String, Object> broad = status("");
        assertThat(broad).containsEntry("allowed", false);
        assertThat((String) broad.get("reason")).contains("can only list/watch pods with spec.nodeName field selector");
        assertThat(status(", \"labelSelector\": {\"rawSelector\": \"app=web\"}")).containsEntry("allowed", false);
    }

    @Test
    void selectorsAreCheckedAsKubeChecksThem() {
        assertThat(invalid("""
                {"spec": {"user": "ann", "resourceAttributes": {"verb": "list", "resource": "pods",
                  "fieldSelector": {"rawSelector": "a=b", "requirements": [{"key": "a", "operator": "In",
                                                                            "values": ["b"]}]},
                  "labelSelector": {}}}}""")).isEqualTo("SubjectAccessReview.authorization.k8s.io \"\" is invalid: ["
                + "spec.resourceAttributes.fieldSelector.rawSelector: Invalid value: \"a=b\": may not specified at "
                + "the same time as requirements, spec.resourceAttributes.labelSelector.requirements: Required value: "
                + "when spec.resourceAttributes.labelSelector is specified, requirements or rawSelector is required]");
        assertThat(invalid("""
                {"spec": {"resourceAttributes": {"verb": "list", "resource": "pods",
                  "fieldSelector": {"requirements": [{"key": "", "operator": "In"},
                                                     {"key": "a", "operator": "Exists", "values": ["x"]},
                                                     {"key": "a", "operator": "Matches", "values": ["x"]}]},
                  "labelSelector": {"requirements": [{"key": "-bad", "operator": "NotIn"}]}}}}""", true))
                .isEqualTo("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: ["
                        + "spec.resourceAttributes.fieldSelector.requirements[0].key: Required value: must be specified, "
                        + "spec.resourceAttributes.fieldSelector.requirements[0].values: Required value: must be "
                        + "specified when `operator` is 'In' or 'NotIn', "
                        + "spec.resourceAttributes.fieldSelector.requirements[1].values: Forbidden: may not be "
                        + "specified when `operator` is 'Exists' or 'DoesNotExist', "
                        + "spec.resourceAttributes.labelSelector.requirements[0].values: Required value: must be "
                        + "specified when `operator` is 'In' or 'NotIn', "
                        + "spec.resourceAttributes.labelSelector.requirements[0].key: Invalid value: \"-bad\": name "
                        + "part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
                        + "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                        + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')]");
    }

    private String invalid(String json) {
        return invalid(json, false);
    }

    private String invalid(String json, boolean selfReview) {
        StatusException e = (StatusException) org.assertj.core.api.Assertions.catchThrowable(() -> {
            if (selfReview) {
                self.create(null, review(json), new UserInfo("ann", "", List.of(UserInfo.AUTHENTICATED), Map.of()));
            } else {
                reviews.create(null, review(json), UserInfo.ADMIN);
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(422);
        return e.getMessage();
    }

    @Test
    void aReviewWithoutSelectorsIsUnchanged() {
        assertThatThrownBy(() -> reviews.create(null, review("{\"spec\": {}}"), UserInfo.ADMIN))
                .isInstanceOf(StatusException.class);
    }
}
