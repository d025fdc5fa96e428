package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** The access reviews over HTTP: created, answered from the authorizer, stored nowhere, checked as kube checks them. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class AccessReviewsTest {

    private static final String AUTHZ = "/apis/authorization.k8s.io/v1/";

    @LocalServerPort
    int port;

    @Test
    void aSubjectAccessReviewAnswersForTheUserItNamesWithTheReason() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("sar-");
        assertThat(api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings", """
                {"metadata": {"name": "auditors-view"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
                 "subjects": [{"kind": "Group", "name": "auditors"}]}""").code()).isEqualTo(201);
        Reply allowed = api.post(AUTHZ + "subjectaccessreviews", """
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                 "spec": {"user": "ann", "groups": ["auditors"],
                          "resourceAttributes": {"verb": "list", "resource": "pods", "namespace": "%s"}}}"""
                .formatted(ns));
        assertThat(allowed.code()).isEqualTo(201);
        assertThat(allowed.json().at("/status/allowed").asBoolean()).isTrue();
        assertThat(allowed.json().at("/status/reason").asString()).isEqualTo("RBAC: allowed by RoleBinding "
                + "\"auditors-view/" + ns + "\" of ClusterRole \"view\" to Group \"auditors\"");
        assertThat(allowed.json().at("/metadata/creationTimestamp").isNull()).isTrue();
        Reply denied = api.post(AUTHZ + "subjectaccessreviews", """
                {"spec": {"user": "ann", "groups": ["auditors"],
                          "resourceAttributes": {"verb": "get", "resource": "secrets", "namespace": "%s"}}}"""
                .formatted(ns));
        assertThat(denied.json().at("/status").toString()).isEqualTo("{\"allowed\":false}");
        // the same question put to the namespace, as kubectl auth can-i --as asks an admin's namespaced review
        Reply local = api.post(AUTHZ + "namespaces/" + ns + "/localsubjectaccessreviews", """
                {"apiVersion": "authorization.k8s.io/v1", "kind": "LocalSubjectAccessReview",
                 "spec": {"user": "ann", "groups": ["auditors"],
                          "resourceAttributes": {"verb": "list", "resource": "pods", "namespace": "%s"}}}"""
                .formatted(ns));
        assertThat(local.code()).isEqualTo(201);
        assertThat(local.json().at("/kind").asString()).isEqualTo("LocalSubjectAccessReview");
        assertThat(local.json().at("/metadata/namespace").asString()).isEqualTo(ns);
        assertThat(local.json().at("/status/allowed").asBoolean()).isTrue();
        assertThat(local.json().at("/status/reason").asString()).isEqualTo(allowed.json().at("/status/reason")
                .asString());
        Reply localDenied = api.post(AUTHZ + "namespaces/" + ns + "/localsubjectaccessreviews", """
                {"spec": {"user": "ann", "resourceAttributes": {"verb": "list", "resource": "pods",
                          "namespace": "%s"}}}""".formatted(ns));
        assertThat(localDenied.code()).isEqualTo(201);
        assertThat(localDenied.json().at("/status/allowed").asBoolean()).isFalse();
        assertThat(api.get(AUTHZ + "subjectaccessreviews").code()).isEqualTo(405);
    }

    @Test
    void reviewsAreCheckedAsKubeChecksThem() {
        HttpApi api = new HttpApi(port);
        Reply invalid = api.post(AUTHZ + "subjectaccessreviews", "{\"spec\": {}}");
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.json().get("message").asString()).isEqualTo("SubjectAccessReview.authorization.k8s.io \"\" "
                + "is invalid: [spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes "
                + "or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or "
                + "group must be specified]");
        Reply mismatch = api.post(AUTHZ + "namespaces/default/localsubjectaccessreviews", """
                {"spec": {"user": "ann", "resourceAttributes": {"verb": "get", "resource": "pods",
                          "namespace": "other"}}}""");
        // the object takes the path's namespace, and its attributes must name it (kube's validation, then REST)
        assertThat(mismatch.code()).isEqualTo(422);
        assertThat(mismatch.json().get("message").asString()).isEqualTo("LocalSubjectAccessReview.authorization.k8s.io"
                + " \"\" is invalid: spec.resourceAttributes.namespace: Invalid value: \"other\": must match"
                + " metadata.namespace");
        Reply unnamed = api.post(AUTHZ + "namespaces/default/localsubjectaccessreviews", """
                {"spec": {"user": "ann", "resourceAttributes": {"verb": "get", "resource": "pods"}}}""");
        assertThat(unnamed.json().get("message").asString()).isEqualTo("LocalSubjectAccessReview.authorization.k8s.io"
                + " \"\" is invalid: spec.resourceAttributes.namespace: Invalid value: \"\": must match"
                + " metadata.namespace");
        Reply nonResource = api.post(AUTHZ + "namespaces/default/localsubjectaccessreviews", """
                {"spec": {"nonResourceAttributes": {"verb": "get", "path": "/version"}}}""");
        assertThat(nonResource.code()).isEqualTo(422);
        assertThat(nonResource.json().get("message").asString()).isEqualTo("LocalSubjectAccessReview"
                + ".authorization.k8s.io \"\" is invalid: [spec.user: Invalid value: \"\": at least one of user or"
                + " group must be specified, spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:\"/version\","
                + " Verb:\"get\"}: disallowed on this kind of request]");
        Reply elsewhere = api.post(AUTHZ + "namespaces/default/localsubjectaccessreviews", """
                {"metadata": {"namespace": "other"}, "spec": {"user": "ann",
                 "resourceAttributes": {"verb": "get", "resource": "pods", "namespace": "other"}}}""");
        assertThat(elsewhere.code()).isEqualTo(400);
        assertThat(elsewhere.json().get("message").asString())
                .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
        Reply rules = api.post(AUTHZ + "selfsubjectrulesreviews", "{\"spec\": {}}");
        assertThat(rules.code()).isEqualTo(400);
        assertThat(rules.json().get("message").asString()).isEqualTo("no namespace on request");
    }

    @Test
    void selfReviewsAnswerForTheCaller() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("ssar-");
        HttpApi bob = api.as("bob-" + ns);
        Reply mine = bob.post(AUTHZ + "selfsubjectaccessreviews", """
                {"spec": {"nonResourceAttributes": {"verb": "get", "path": "/version"}}}""");
        assertThat(mine.code()).isEqualTo(201);
        assertThat(mine.json().at("/status/allowed").asBoolean()).isTrue();
        assertThat(mine.json().at("/status/reason").asString()).isEqualTo("RBAC: allowed by ClusterRoleBinding "
                + "\"system:discovery\" of ClusterRole \"system:discovery\" to Group \"system:authenticated\"");
        Reply forbidden = bob.post(AUTHZ + "subjectaccessreviews", """
                {"spec": {"user": "x", "nonResourceAttributes": {"verb": "get", "path": "/version"}}}""");
        assertThat(forbidden.code()).isEqualTo(403);
        assertThat(forbidden.json().get("message").asString()).isEqualTo("subjectaccessreviews.authorization.k8s.io "
                + "is forbidden: User \"bob-" + ns + "\" cannot create resource \"subjectaccessreviews\" in API group "
                + "\"authorization.k8s.io\" at the cluster scope");
        JsonNode rules = bob.post(AUTHZ + "selfsubjectrulesreviews", "{\"spec\": {\"namespace\": \"" + ns + "\"}}")
                .json();
        assertThat(rules.at("/status/incomplete").asBoolean()).isFalse();
        assertThat(rules.at("/status/resourceRules").toString()).contains(
                "{\"verbs\":[\"create\"],\"apiGroups\":[\"authorization.k8s.io\"],\"resources\":"
                        + "[\"selfsubjectaccessreviews\",\"selfsubjectrulesreviews\"]}");
        assertThat(rules.at("/status/nonResourceRules").toString()).contains("\"/healthz\"");
        assertThat(api.get("/apis/authorization.k8s.io/v1").json().toString())
                .contains("{\"name\":\"selfsubjectaccessreviews\",\"singularName\":\"selfsubjectaccessreview\",\"namespaced\":false,"
                        + "\"kind\":\"SelfSubjectAccessReview\",\"verbs\":[\"create\"]");
    }
}
