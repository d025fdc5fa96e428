package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PersistentVolumeContractTest extends ResourceContract {

    @Override
    String resource() {
        return "persistentvolumes";
    }

    @Override
    String kind() {
        return "PersistentVolume";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    boolean deletesAtOnce() {
        return false;
    }

    /** The volume as it settles: the volume controller makes a new one Available at once, as kube's does. */
    @Override
    JsonNode settled(JsonNode created) {
        assertThat(created.at("/status/phase").asString()).isEqualTo("Pending");
        String name = created.at("/metadata/name").asString();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> "Available".equals(api.get(item(name)).json().at("/status/phase").asString()));
        return api.get(item(name)).json();
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode pv = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolume");
        pv.putObject("metadata").put("name", name);
        ObjectNode spec = pv.putObject("spec");
        spec.putObject("capacity").put("storage", "1Gi");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.put("storageClassName", "manual");
        spec.putObject("hostPath").put("path", "/data/" + name);
        return pv;
    }
}
