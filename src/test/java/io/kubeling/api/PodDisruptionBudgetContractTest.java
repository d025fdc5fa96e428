package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PodDisruptionBudgetContractTest extends ResourceContract {

    @Override
    String resource() {
        return "poddisruptionbudgets";
    }

    @Override
    String kind() {
        return "PodDisruptionBudget";
    }

    @Override
    String group() {
        return "policy";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode pdb = JSON.createObjectNode().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("name", name);
        ObjectNode spec = pdb.putObject("spec").put("minAvailable", 1);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        return pdb;
    }

    /** The budget once the disruption controller has written its first status, which it then leaves alone. */
    @Override
    JsonNode settled(JsonNode created) {
        String name = created.at("/metadata/name").asString();
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get(item(name)).json(),
                pdb -> pdb.at("/status/observedGeneration").asLong() == 1);
    }

    @Test
    void theControllerWritesTheStatusAndBadBoundsAreRefused() {
        JsonNode pdb = create(uniqueName());
        assertThat(pdb.at("/status/expectedPods").asInt()).isZero();
        assertThat(pdb.at("/status/disruptionsAllowed").asInt()).isZero();
        assertThat(pdb.at("/status/conditions/0/type").asString()).isEqualTo("DisruptionAllowed");
        assertThat(pdb.at("/status/conditions/0/reason").asString()).isEqualTo("InsufficientPods");

        ObjectNode bad = sample("bad");
        ((ObjectNode) bad.get("spec")).put("minAvailable", "150%");
        Reply refused = api.post(collection(), bad.toString());
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json().at("/message").asString()).isEqualTo(
                "PodDisruptionBudget.policy \"bad\" is invalid: spec.minAvailable: Invalid value: 150%: must not be "
                        + "greater than 100%");
        assertThat(refused.json().at("/details/causes/0/field").asString()).isEqualTo("spec.minAvailable");
    }
}
