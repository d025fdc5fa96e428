package io.kubeling.resources.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

@KubelingTest
class DeploymentApiTest {

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("deploy-");
    }

    static String deployment(String name, String selector, String labels, String extraSpec) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{%s"selector":%s,"template":{"metadata":{"labels":%s},
                   "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"web","image":"nginx"}]}}}}
                """.formatted(name, extraSpec, selector, labels);
    }

    private String path() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    @Test
    void createFillsKubeDefaults() {
        Reply reply = api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"web\"}}", "{\"app\":\"web\"}", ""));
        assertThat(reply.code()).isEqualTo(201);
        JsonNode spec = reply.json().get("spec");
        assertThat(spec.get("replicas").asInt()).isEqualTo(1);
        assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(spec.get("progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(spec.at("/strategy/type").asString()).isEqualTo("RollingUpdate");
        assertThat(spec.at("/strategy/rollingUpdate/maxSurge").asString()).isEqualTo("25%");
        assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asString()).isEqualTo("25%");
        assertThat(spec.at("/template/spec/restartPolicy").asString()).isEqualTo("Always");
        assertThat(spec.at("/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(spec.at("/template/spec/containers/0/imagePullPolicy").asString()).isEqualTo("Always");
        assertThat(reply.json().at("/metadata/generation").asInt()).isEqualTo(1);
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        Reply reply = api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"other\"}}",
                "{\"app\":\"web\",\"tier\":\"front\"}", ""));
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).isEqualTo("Deployment.apps \"web\" is invalid: "
                + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"tier\":\"front\"}: "
                + "`selector` does not match template `labels`");
        assertThat(reply.json().at("/details/causes/0/field").asString()).isEqualTo("spec.template.metadata.labels");
    }

    @Test
    void selectorIsRequired() {
        Reply reply = api.post(path(), deployment("web", "null", "{\"app\":\"web\"}", ""));
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).isEqualTo("Deployment.apps \"web\" is invalid: "
                + "[spec.selector: Required value, spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]");
    }

    @Test
    void selectorIsImmutable() {
        api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"web\"}}", "{\"app\":\"web\",\"v\":\"1\"}", ""));
        Reply reply = api.patch(path() + "/web", "application/merge-patch+json",
                "{\"spec\":{\"selector\":{\"matchLabels\":{\"v\":\"1\"}}}}");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).isEqualTo("Deployment.apps \"web\" is invalid: "
                + "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
                + "\"v\":\"1\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void strategyAndTemplateRules() {
        Reply reply = api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"web\"}}", "{\"app\":\"web\"}",
                "\"replicas\":-1,\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":\"0%\"}},"));
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).isEqualTo("Deployment.apps \"web\" is invalid: "
                + "[spec.replicas: Invalid value: -1: must be greater than or equal to 0, "
                + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0]");
        Reply recreate = api.post(path(), deployment("web2", "{\"matchLabels\":{\"app\":\"web\"}}", "{\"app\":\"web\"}",
                "\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":{}},"));
        assertThat(recreate.json().get("message").asString()).isEqualTo("Deployment.apps \"web2\" is invalid: "
                + "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
        Reply pod = api.post(path(), """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web3"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"restartPolicy":"Never","containers":[{"name":"Web"}]}}}}
                """);
        assertThat(pod.json().get("message").asString()).isEqualTo("Deployment.apps \"web3\" is invalid: "
                + "[spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must "
                + "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                + "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?'), spec.template.spec.containers[0].image: Required value, "
                + "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]");
    }

    @Test
    void specChangesBumpGenerationAndStatusDoesNot() {
        api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"web\"}}", "{\"app\":\"web\"}", ""));
        Reply scaled = api.patch(path() + "/web", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
        assertThat(scaled.json().at("/metadata/generation").asInt()).isEqualTo(2);
        Reply status = api.patch(path() + "/web/status", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":9},\"status\":{\"observedGeneration\":2,\"replicas\":0}}");
        assertThat(status.code()).isEqualTo(200);
        assertThat(status.json().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(status.json().at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(status.json().at("/status/observedGeneration").asInt()).isEqualTo(2);
    }

    @Test
    void scaleSubresource() {
        api.post(path(), deployment("web", "{\"matchLabels\":{\"app\":\"web\",\"tier\":\"x\"}}",
                "{\"app\":\"web\",\"tier\":\"x\"}", "\"replicas\":2,"));
        Reply scale = api.get(path() + "/web/scale");
        assertThat(scale.code()).isEqualTo(200);
        assertThat(scale.json().get("kind").asString()).isEqualTo("Scale");
        assertThat(scale.json().get("apiVersion").asString()).isEqualTo("autoscaling/v1");
        assertThat(scale.json().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(scale.json().at("/status/selector").asString()).isEqualTo("app=web,tier=x");

        Reply patched = api.patch(path() + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");
        assertThat(patched.code()).isEqualTo(200);
        assertThat(patched.json().at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(api.get(path() + "/web").json().at("/spec/replicas").asInt()).isEqualTo(4);

        Reply negative = api.put(path() + "/web/scale", """
                {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":-1}}""");
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.json().get("message").asString())
                .isEqualTo("Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: "
                        + "must be greater than or equal to 0");

        Reply stale = api.put(path() + "/web/scale", """
                {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","resourceVersion":"1"},
                 "spec":{"replicas":1}}""");
        assertThat(stale.code()).isEqualTo(409);

        Reply missing = api.get(path() + "/nope/scale");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).isEqualTo("deployments.apps \"nope\" not found");
    }

    @Test
    void replicaSetsAreServedWithTheirRules() {
        String rs = "/apis/apps/v1/namespaces/" + ns + "/replicasets";
        Reply bad = api.post(rs, """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"rs"},
                 "spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"y"}},
                   "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.json().get("message").asString()).isEqualTo("ReplicaSet.apps \"rs\" is invalid: "
                + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"y\"}: "
                + "`selector` does not match template `labels`");
        Reply scale = api.get(rs + "/none/scale");
        assertThat(scale.code()).isEqualTo(404);
        Reply discovery = api.get("/apis/apps/v1");
        assertThat(discovery.text()).contains("\"deployments/scale\"", "\"replicasets/status\"", "\"deploy\"", "\"rs\"");
    }
}
