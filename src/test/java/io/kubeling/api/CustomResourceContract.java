package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kubeling.support.CrdSamples;
import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The resource contract kept by a resource a CRD defines, installed through the API before each test. */
@CustomResourceDefinitionsLock
abstract class CustomResourceContract extends ResourceContract {

    static final String GROUP = "contract.kubeling.io";

    @Override
    String group() {
        return GROUP;
    }

    @Override
    boolean listItemsCarryKind() {
        return true;
    }

    @Override
    boolean strategicMergePatch() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.putObject("spec").put("cronSpec", "* * * * */5").put("replicas", 1);
        return object;
    }

    @BeforeEach
    void installCrd() throws InterruptedException {
        String crd = JSON.writeValueAsString(YAML.readTree(CrdSamples.yaml(GROUP, resource(), kind(),
                namespaced() ? "Namespaced" : "Cluster")));
        Reply created = api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        assertThat(created.code()).as(created.text()).isIn(201, 409);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String list = "/apis/" + apiVersion() + "/" + resource();
        while (api.get(list).code() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(api.get(list).code()).isEqualTo(200);
    }

    /** kube's bookmark of a custom resource is an unstructured object made with its kind and version. */
    @Test
    void bookmarksNameTheKind() {
        String from = api.get(collection()).json().at("/metadata/resourceVersion").asString();
        try (WatchClient w = new WatchClient(port, collection() + "?watch=true&allowWatchBookmarks=true"
                + "&timeoutSeconds=2&resourceVersion=" + from)) {
            JsonNode bookmark = w.next(WatchClient.seconds(5));
            while (bookmark != null && !WatchClient.type(bookmark).equals("BOOKMARK")) {
                // other tests' objects of a cluster-scoped resource
                bookmark = w.next(WatchClient.seconds(5));
            }
            assertThat(bookmark).isNotNull();
            assertThat(bookmark.get("object")).isEqualTo(JSON.readTree(
                    "{\"apiVersion\":\"%s\",\"kind\":\"%s\",\"metadata\":{\"resourceVersion\":\"%d\"}}"
                            .formatted(apiVersion(), kind(), WatchClient.revision(bookmark))));
        }
    }

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML = tools.jackson.dataformat.yaml.YAMLMapper
            .builder().build();
}
