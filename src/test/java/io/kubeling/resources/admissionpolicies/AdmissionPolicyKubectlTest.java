package io.kubeling.resources.admissionpolicies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/**
 * A ValidatingAdmissionPolicy as kubectl users meet it: applied with its bindings, listed with kube's columns,
 * refusing a write with kube's message (Deny) and warning on another (Warn); served in discovery and OpenAPI.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class AdmissionPolicyKubectlTest {

    @LocalServerPort
    int port;

    @Test
    void aPolicyDeniesAndWarnsThroughKubectl() throws Exception {
        HttpApi api = new HttpApi(port);
        Kubectl kubectl = new Kubectl(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String strict = api.newNamespace("vap-deny-");
        String lenient = api.newNamespace("vap-warn-");
        String policy = "max-keys-" + suffix;
        Path manifest = Kubectl.manifest("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  name: %1$s
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: ["v1"]
                      operations: ["CREATE", "UPDATE"]
                      resources: ["configmaps"]
                  validations:
                  - expression: "!has(object.data) || size(object.data) <= 1"
                    messageExpression: "'configmap ' + object.metadata.name + ' has ' + string(size(object.data)) + ' keys, at most 1 allowed'"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %1$s-deny
                spec:
                  policyName: %1$s
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: %2$s
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %1$s-warn
                spec:
                  policyName: %1$s
                  validationActions: [Warn]
                  matchResources:
                    namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: %3$s
                """.formatted(policy, strict, lenient));
        try {
            assertThat(kubectl.ok("apply", "-f", manifest.toString()).out()).contains(
                    "validatingadmissionpolicy.admissionregistration.k8s.io/" + policy + " created",
                    "validatingadmissionpolicybinding.admissionregistration.k8s.io/" + policy + "-deny created");

            Kubectl.Result denied = kubectl.run("create", "configmap", "two", "-n", strict, "--from-literal=a=1",
                    "--from-literal=b=2");
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
            assertThat(denied.err()).isEqualTo("error: failed to create configmap: configmaps \"two\" is forbidden: "
                    + "ValidatingAdmissionPolicy '" + policy + "' with binding '" + policy + "-deny' denied request: "
                    + "configmap two has 2 keys, at most 1 allowed\n");
            assertThat(kubectl.run("get", "configmap", "two", "-n", strict).exitCode()).isEqualTo(1);
            kubectl.ok("create", "configmap", "one", "-n", strict, "--from-literal=a=1");

            Kubectl.Result warned = kubectl.ok("create", "configmap", "two", "-n", lenient, "--from-literal=a=1",
                    "--from-literal=b=2");
            assertThat(warned.err()).isEqualTo("Warning: Validation failed for ValidatingAdmissionPolicy '" + policy
                    + "' with binding '" + policy + "-warn': configmap two has 2 keys, at most 1 allowed\n");
            assertThat(warned.out()).isEqualTo("configmap/two created\n");

            String listed = kubectl.ok("get", "validatingadmissionpolicy", policy).out();
            assertThat(listed.lines().findFirst().orElseThrow().split("\\s+"))
                    .containsExactly("NAME", "VALIDATIONS", "PARAMKIND", "AGE");
            assertThat(listed.lines().skip(1).findFirst().orElseThrow()).startsWith(policy).contains(" 1 ",
                    "<unset>");
            String bindings = kubectl.ok("get", "validatingadmissionpolicybinding", policy + "-deny").out();
            assertThat(bindings.lines().findFirst().orElseThrow().split("\\s+"))
                    .containsExactly("NAME", "POLICYNAME", "PARAMREF", "AGE");
        } finally {
            kubectl.run("delete", "-f", manifest.toString());
        }
    }

    @Test
    void theStatusControllerRecordsEachGenerationItHasChecked() {
        HttpApi api = new HttpApi(port);
        String path = "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies";
        String name = "status-" + UUID.randomUUID().toString().substring(0, 8);
        HttpApi.Reply created = api.post(path, "{\"apiVersion\":\"admissionregistration.k8s.io/v1\","
                + "\"kind\":\"ValidatingAdmissionPolicy\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + "\"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],"
                + "\"operations\":[\"CREATE\"],\"resources\":[\"pods\"]}]},"
                + "\"validations\":[{\"expression\":\"true\"}]}}");
        try {
            assertThat(created.code()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().at("/spec/failurePolicy").asString()).isEqualTo("Fail");
            assertThat(created.json().has("status")).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode policy = api.get(path + "/" + name).json();
                assertThat(policy.at("/status/observedGeneration").asLong()).isEqualTo(1);
                assertThat(policy.at("/status/typeChecking").isObject()).isTrue();
            });
            HttpApi.Reply patched = api.patch(path + "/" + name, "application/merge-patch+json",
                    "{\"spec\":{\"failurePolicy\":\"Ignore\"}}");
            assertThat(patched.json().at("/metadata/generation").asLong()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    api.get(path + "/" + name).json().at("/status/observedGeneration").asLong()).isEqualTo(2));
        } finally {
            api.delete(path + "/" + name);
        }
    }

    @Test
    void anInvalidPolicyGetsKubes422AndDiscoveryAndOpenApiServeBothKinds() {
        HttpApi api = new HttpApi(port);
        HttpApi.Reply refused = api.post("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies",
                "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingAdmissionPolicy\","
                        + "\"metadata\":{\"name\":\"broken\"},\"spec\":{\"matchConstraints\":{\"resourceRules\":[{"
                        + "\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[\"CREATE\"],"
                        + "\"resources\":[\"pods\"]}]},\"validations\":[{\"expression\":\"object.spec\"}]}}");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("message").asString()).isEqualTo("ValidatingAdmissionPolicy.admissionregistration"
                + ".k8s.io \"broken\" is invalid: spec.validations[0].expression: Invalid value: \"object.spec\": "
                + "must evaluate to bool but got dyn");
        HttpApi.Reply misused = api.post("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies",
                "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingAdmissionPolicy\","
                        + "\"metadata\":{\"name\":\"misused\"},\"spec\":{\"matchConstraints\":{\"resourceRules\":[{"
                        + "\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[\"CREATE\"],"
                        + "\"resources\":[\"pods\"]}]},\"validations\":[{\"expression\":"
                        + "\"authorizer.check('get').allowed()\"}]}}");
        assertThat(misused.code()).as(misused.toString()).isEqualTo(422);
        assertThat(misused.json().get("message").asString()).startsWith("ValidatingAdmissionPolicy"
                + ".admissionregistration.k8s.io \"misused\" is invalid: spec.validations[0].expression: Invalid "
                + "value: \"authorizer.check('get').allowed()\": compilation failed: ERROR: <input>:1:17: found no "
                + "matching overload for 'check' applied to 'kubernetes.authorization.Authorizer.(string)'");

        JsonNode resources = api.get("/apis/admissionregistration.k8s.io/v1").json().get("resources");
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.get("name").asString() + ":" + r.get("namespaced").asBoolean()));
        assertThat(names).contains("validatingadmissionpolicies:false", "validatingadmissionpolicies/status:false",
                "validatingadmissionpolicybindings:false");
        JsonNode openapi = api.get("/openapi/v3/apis/admissionregistration.k8s.io/v1").json();
        assertThat(openapi.at("/components/schemas").has(
                "io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding")).isTrue();
        assertThat(openapi.at("/paths").has(
                "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/{name}/status")).isTrue();
    }
}
