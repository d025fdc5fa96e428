package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class PodContractTest extends ResourceContract {

    @Override
    String resource() {
        return "pods";
    }

    @Override
    String kind() {
        return "Pod";
    }

    /** A pod no scheduler takes, so that its spec and status stay as the test writes them. */
    @Override
    ObjectNode sample(String name) {
        ObjectNode pod = defaultScheduled(name);
        ((ObjectNode) pod.get("spec")).put("schedulerName", "kubeling-test-unscheduled");
        return pod;
    }

    private static ObjectNode defaultScheduled(String name) {
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name);
        pod.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1.27");
        return pod;
    }

    private ObjectNode scheduled(String name) {
        ObjectNode pod = sample(name);
        ((ObjectNode) pod.get("spec")).put("nodeName", "node-1");
        return pod;
    }

    @Test
    void createDefaultsThePodAsKubeDoes() {
        Reply created = api.post(collection(), defaultScheduled(uniqueName()).toString());
        assertThat(created.code()).isEqualTo(201);
        JsonNode pod = created.json();
        assertThat(pod.at("/spec/restartPolicy").asString()).isEqualTo("Always");
        assertThat(pod.at("/spec/dnsPolicy").asString()).isEqualTo("ClusterFirst");
        assertThat(pod.at("/spec/schedulerName").asString()).isEqualTo("default-scheduler");
        assertThat(pod.at("/spec/terminationGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(pod.at("/spec/serviceAccountName").asString()).isEqualTo("default");
        assertThat(pod.at("/spec/enableServiceLinks").asBoolean()).isTrue();
        assertThat(pod.at("/spec/containers/0/imagePullPolicy").asString()).isEqualTo("IfNotPresent");
        assertThat(pod.at("/spec/containers/0/terminationMessagePath").asString()).isEqualTo("/dev/termination-log");
        assertThat(pod.at("/spec/containers/0/terminationMessagePolicy").asString()).isEqualTo("File");
        assertThat(pod.at("/status/phase").asString()).isEqualTo("Pending");
        assertThat(pod.at("/status/qosClass").asString()).isEqualTo("BestEffort");
        // 1.32's pods carry no generation; 1.33's carry 1
        assertThat(pod.at("/metadata/generation").isMissingNode()).isTrue();
    }

    @Test
    void aLatestImageIsAlwaysPulled() {
        ObjectNode pod = sample(uniqueName());
        ((ObjectNode) pod.at("/spec/containers/0")).put("image", "nginx");
        Reply reply = api.post(collection(), pod.toString());
        assertThat(reply.json().at("/spec/containers/0/imagePullPolicy").asString()).isEqualTo("Always");
    }

    @Test
    void duplicateContainerNamesAndBadPortsAreInvalid() {
        ObjectNode pod = sample("dup");
        ObjectNode second = ((ArrayNode) pod.at("/spec/containers")).addObject();
        second.put("name", "web").put("image", "redis").putArray("ports").addObject().put("containerPort", 70000);
        Reply reply = api.post(collection(), pod.toString());
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).contains("spec.containers[1].name: Duplicate value: \"web\"")
                .contains("spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void podUpdatesMayChangeOnlyWhatKubeAllows() {
        String name = uniqueName();
        create(name);
        Reply image = api.patch(item(name), "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}");
        assertThat(image.code()).as(image.text()).isEqualTo(200);
        assertThat(image.json().at("/metadata/generation").isMissingNode()).isTrue();

        Reply command = api.patch(item(name), "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"command\":[\"sleep\",\"1\"]}]}}");
        assertThat(command.code()).isEqualTo(422);
        assertThat(command.json().get("message").asString()).startsWith("Pod \"" + name + "\" is invalid: spec: "
                + "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,");
        assertThat(command.json().at("/details/causes/0/field").asString()).isEqualTo("spec");
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        String name = uniqueName();
        create(name);
        Reply ignored = api.patch(item(name), "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\"}}");
        assertThat(ignored.code()).isEqualTo(200);
        assertThat(ignored.json().at("/status/phase").asString()).isEqualTo("Pending");
        Reply status = api.patch(item(name) + "/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244.0.5\"},\"spec\":{\"nodeName\":\"ignored\"}}");
        assertThat(status.code()).as(status.text()).isEqualTo(200);
        assertThat(status.json().at("/status/phase").asString()).isEqualTo("Running");
        assertThat(status.json().at("/spec/nodeName").isMissingNode()).isTrue();
        Reply selected = api.get(collection() + "?fieldSelector=status.podIP%3D10.244.0.5");
        assertThat(names(selected.json())).containsExactly(name);
    }

    @Test
    void statusAndBindingBodiesWithoutApiVersionAndKindAreAccepted() {
        String name = uniqueName();
        ObjectNode pod = (ObjectNode) create(name);
        pod.remove("apiVersion");
        pod.remove("kind");
        ((ObjectNode) pod.get("status")).put("message", "from a bare body");
        Reply status = api.put(item(name) + "/status", pod.toString());
        assertThat(status.code()).as(status.text()).isEqualTo(200);
        assertThat(status.json().at("/status/message").asString()).isEqualTo("from a bare body");

        String bound = uniqueName();
        assertThat(api.post(collection(), sample(bound).toString()).code()).isEqualTo(201);
        Reply binding = api.post(item(bound) + "/binding",
                "{\"metadata\":{\"name\":\"" + bound + "\"},\"target\":{\"name\":\"node-1\"}}");
        assertThat(binding.code()).as(binding.text()).isEqualTo(201);
        assertThat(api.get(item(bound)).json().at("/spec/nodeName").asString()).isEqualTo("node-1");
    }

    /** The top-level bindings resource of v1, kube's LegacyBindingREST: the pod is named in the binding's metadata. */
    @Test
    void theBindingsCollectionBindsThePodItsBindingNames() {
        String name = uniqueName();
        assertThat(api.post(collection(), sample(name).toString()).code()).isEqualTo(201);
        String bindings = "/api/v1/namespaces/" + namespace + "/bindings";
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + name
                + "\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}";

        assertThat(api.post(bindings + "?dryRun=All", body).code()).isEqualTo(201);
        assertThat(api.get(item(name)).json().at("/spec/nodeName").isMissingNode()).isTrue();

        Reply bound = api.post(bindings, body);
        assertThat(bound.code()).as(bound.text()).isEqualTo(201);
        assertThat(bound.json().get("kind").asString()).isEqualTo("Status");
        assertThat(bound.json().get("status").asString()).isEqualTo("Success");
        JsonNode pod = api.get(item(name)).json();
        assertThat(pod.at("/spec/nodeName").asString()).isEqualTo("node-1");
        assertThat(pod.at("/status/conditions").valueStream()
                .filter(c -> c.get("type").asString().equals("PodScheduled")).map(c -> c.get("status").asString()))
                .containsExactly("True");

        Reply again = api.post(bindings, body);
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().get("message").asString()).isEqualTo(
                "Operation cannot be fulfilled on pods/binding \"" + name + "\": pod " + name
                        + " is already assigned to node \"node-1\"");
        assertThat(api.post(bindings, "{\"metadata\":{\"name\":\"absent\"},\"target\":{\"name\":\"node-1\"}}")
                .code()).isEqualTo(404);
        Reply unnamed = api.post(bindings, "{\"target\":{\"name\":\"node-1\"}}");
        assertThat(unnamed.code()).isEqualTo(400);
        assertThat(unnamed.json().get("message").asString()).isEqualTo("Name parameter required.");
        assertThat(api.get(bindings).code()).isEqualTo(405);
    }

    @Test
    void aScheduledPodIsDeletedGracefullyAndZeroGraceRemovesItAtOnce() {
        String name = uniqueName();
        assertThat(api.post(collection(), scheduled(name).toString()).code()).isEqualTo(201);
        Reply deleting = api.delete(item(name));
        assertThat(deleting.code()).isEqualTo(200);
        assertThat(deleting.json().get("kind").asString()).isEqualTo("Pod");
        assertThat(deleting.json().at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(deleting.json().at("/metadata/deletionTimestamp").asString()).isNotEmpty();
        assertThat(api.get(item(name)).code()).isEqualTo(200);

        Reply shorter = api.delete(item(name) + "?gracePeriodSeconds=0");
        assertThat(shorter.code()).isEqualTo(200);
        assertThat(api.get(item(name)).code()).isEqualTo(404);
    }

    @Test
    void podsAreSelectedByNodeAndPhase() {
        String onNode = uniqueName();
        api.post(collection(), scheduled(onNode).toString());
        create(uniqueName());
        Reply byNode = api.get(collection() + "?fieldSelector=spec.nodeName%3Dnode-1");
        assertThat(names(byNode.json())).containsExactly(onNode);
        Reply pending = api.get("/api/v1/pods?fieldSelector=status.phase%3DPending,metadata.namespace%3D" + namespace);
        assertThat(names(pending.json())).hasSize(2);
    }
}
