package io.kubeling.resources.webhookconfigurations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** The webhook configurations through the API: defaults, kube's 422, discovery, Table columns and OpenAPI. */
@KubelingTest
class WebhookConfigurationApiTest {

    private static final String PATH = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";

    @LocalServerPort
    int port;

    private static String configuration(String name, String webhook) {
        // a webhook no request can match: it selects objects carrying a label nothing else uses
        return "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingWebhookConfiguration\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"webhooks\":[" + webhook + "]}";
    }

    private static String webhook(String name, String sideEffects) {
        return "{\"name\":\"" + name + "\",\"clientConfig\":{\"url\":\"https://127.0.0.1:1/x\"},"
                + "\"objectSelector\":{\"matchLabels\":{\"never\":\"" + UUID.randomUUID() + "\"}},"
                + "\"rules\":[{\"operations\":[\"CREATE\"],\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],"
                + "\"resources\":[\"configmaps\"]}],"
                + (sideEffects == null ? "" : "\"sideEffects\":\"" + sideEffects + "\",")
                + "\"admissionReviewVersions\":[\"v1\"]}";
    }

    @Test
    void aConfigurationIsStoredWithKubesDefaultsAndListedInATable() {
        HttpApi api = new HttpApi(port);
        String name = "defaults-" + UUID.randomUUID().toString().substring(0, 8);
        HttpApi.Reply created = api.post(PATH, configuration(name, webhook("v.example.com", "None")));
        try {
            assertThat(created.code()).as(created.toString()).isEqualTo(201);
            JsonNode hook = created.json().at("/webhooks/0");
            assertThat(hook.get("failurePolicy").asString()).isEqualTo("Fail");
            assertThat(hook.get("matchPolicy").asString()).isEqualTo("Equivalent");
            assertThat(hook.get("timeoutSeconds").asInt()).isEqualTo(10);
            assertThat(hook.get("namespaceSelector").isObject()).isTrue();
            assertThat(hook.at("/rules/0/scope").asString()).isEqualTo("*");
            assertThat(created.json().at("/metadata/generation").asLong()).isEqualTo(1);

            JsonNode table = api.get(PATH + "/" + name, "application/json;as=Table;v=v1;g=meta.k8s.io").json();
            List<String> columns = new ArrayList<>();
            table.get("columnDefinitions").forEach(c -> columns.add(c.get("name").asString()));
            assertThat(columns).containsExactly("Name", "Webhooks", "Age");
            assertThat(table.at("/rows/0/cells/1").asInt()).isEqualTo(1);
        } finally {
            api.delete(PATH + "/" + name);
        }
    }

    @Test
    void anInvalidConfigurationGetsKubes422AndIsNotStored() {
        HttpApi api = new HttpApi(port);
        HttpApi.Reply refused = api.post(PATH, configuration("invalid", webhook("no-dots", null)));

        assertThat(refused.code()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("message").asString()).isEqualTo("ValidatingWebhookConfiguration.admissionregistration.k8s.io "
                + "\"invalid\" is invalid: [webhooks[0].name: Invalid value: \"no-dots\": should be a domain with at "
                + "least three segments separated by dots, webhooks[0].sideEffects: Required value: must specify one "
                + "of None, NoneOnDryRun]");
        assertThat(api.get(PATH + "/invalid").code()).isEqualTo(404);
    }

    @Test
    void discoveryAndOpenApiListBothKinds() {
        HttpApi api = new HttpApi(port);
        JsonNode resources = api.get("/apis/admissionregistration.k8s.io/v1").json().get("resources");
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.get("name").asString() + ":" + r.get("namespaced").asBoolean()));
        assertThat(names).contains("mutatingwebhookconfigurations:false", "validatingwebhookconfigurations:false");

        JsonNode openapi = api.get("/openapi/v3/apis/admissionregistration.k8s.io/v1").json();
        assertThat(openapi.at("/components/schemas").has(
                "io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration")).isTrue();
        assertThat(openapi.at("/paths").has("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations"))
                .isTrue();
    }
}
