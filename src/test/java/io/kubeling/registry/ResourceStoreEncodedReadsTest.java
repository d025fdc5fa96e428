package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/** Gets and lists of encoded objects send what the decoded objects encode to, page for page, selectors and all. */
class ResourceStoreEncodedReadsTest {

    private final StoppedCluster cluster = new StoppedCluster();
    private final ResourceStore<ConfigMap> store = cluster.registry.store(ConfigMap.class);

    @AfterEach
    void close() {
        cluster.close();
    }

    private void objects() {
        cluster.registry.store(Namespace.class).create(null,
                new NamespaceBuilder().withNewMetadata().withName("enc").endMetadata().build(), WriteOptions.DEFAULT);
        for (int i = 0; i < 9; i++) {
            store.create("enc", new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .withLabels(Map.of("parity", i % 2 == 0 ? "even" : "odd")).endMetadata()
                    .withData(Map.of("v", "value-" + i)).build(), WriteOptions.DEFAULT);
        }
    }

    @Test
    void everyPageOfAnEncodedListIsThePageOfDecodedObjects() {
        objects();
        for (ListOptions options : List.of(ListOptions.ALL, page(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 4),
                page(LabelSelector.parse("parity=even"), FieldSelector.EVERYTHING, 2),
                page(LabelSelector.EVERYTHING, FieldSelector.parse("metadata.name!=cm-3"), 3),
                page(LabelSelector.parse("parity=odd"), FieldSelector.parse("metadata.name=cm-5"), 0))) {
            String token = options.continueToken();
            do {
                ListOptions at = new ListOptions(options.labelSelector(), options.fieldSelector(), options.limit(), token,
                        null, null);
                ListResult<ConfigMap> decoded = store.list("enc", at);
                ListResult<EncodedObject> encoded = store.listEncoded("enc", at);
                assertThat(encoded.items().stream().map(item -> text(item.json())).toList())
                        .isEqualTo(decoded.items().stream().map(item -> text(cluster.codec.encode(item))).toList());
                assertThat(encoded.resourceVersion()).isEqualTo(decoded.resourceVersion());
                assertThat(encoded.continueToken()).isEqualTo(decoded.continueToken());
                assertThat(encoded.remainingItemCount()).isEqualTo(decoded.remainingItemCount());
                token = decoded.continueToken();
            } while (token != null);
        }
    }

    @Test
    void aLaterPageOfAnEncodedListShowsTheSnapshotOfTheFirst() {
        objects();
        ListOptions first = page(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 4);
        ListResult<EncodedObject> head = store.listEncoded("enc", first);
        ConfigMap changed = store.get("enc", "cm-6");
        changed.setData(Map.of("v", "changed"));
        store.update("enc", "cm-6", null, current -> changed, WriteOptions.DEFAULT);

        ListResult<EncodedObject> rest = store.listEncoded("enc",
                new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 4, head.continueToken(), null, null));

        assertThat(text(rest.items().get(2).json())).contains("\"name\":\"cm-6\"").contains("\"value-6\"");
        assertThat(text(store.getEncoded("enc", "cm-6").json())).contains("\"changed\"");
    }

    @Test
    void aDeletesAnswerIsTheRemovedRevisionsEncodingWithTheDeletesResourceVersion() {
        objects();
        EncodedObject before = store.getEncoded("enc", "cm-2");

        DeleteResult<ConfigMap> result = store.delete("enc", "cm-2", DeleteOptions.DEFAULT);
        EncodedObject answer = store.encodedDeleted(result);

        String version = result.object().getMetadata().getResourceVersion();
        assertThat(version).isNotEqualTo(Long.toString(result.removedRevision()));
        assertThat(text(answer.json())).isEqualTo(text(cluster.codec.encode(result.object())))
                .contains("\"resourceVersion\":\"" + version + "\"");
        assertThat(answer.untypedFrom()).isEqualTo(before.untypedFrom());
        assertThat(store.encodedDeleted(new DeleteResult<>(result.object(), true))).isNull();
    }

    @Test
    void aGetSendsTheCurrentRevision() {
        objects();
        EncodedObject before = store.getEncoded("enc", "cm-1");
        assertThat(text(store.getEncoded("enc", "cm-1").json())).isEqualTo(text(before.json()));
        ConfigMap changed = store.get("enc", "cm-1");
        changed.setData(Map.of("v", "changed"));
        ConfigMap written = store.update("enc", "cm-1", null, current -> changed, WriteOptions.DEFAULT).object();

        EncodedObject after = store.getEncoded("enc", "cm-1");

        assertThat(text(after.json())).isEqualTo(text(cluster.codec.encode(store.get("enc", "cm-1"))));
        assertThat(text(after.json())).contains("\"resourceVersion\":\"" + written.getMetadata().getResourceVersion()
                + "\"");
        assertThat(text(after.json())).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",");
    }

    @Test
    void aWritesAnswerIsWhatAGetOfItsRevisionSendsAndIsSentByTheGetsThatFollow() {
        objects();
        ConfigMap created = store.create("enc", new ConfigMapBuilder().withNewMetadata().withName("written")
                .withLabels(Map.of("app", "w")).endMetadata().withData(Map.of("v", "first")).build(),
                new WriteOptions(false, "writer"));

        EncodedObject answer = store.encodedWritten("enc", created);

        assertThat(text(answer.json())).isEqualTo(text(cluster.codec.encode(store.get("enc", "written"))))
                .contains("\"managedFields\"").contains("\"resourceVersion\":\""
                        + created.getMetadata().getResourceVersion() + "\"");
        assertThat(text(store.getEncoded("enc", "written").json())).isEqualTo(text(answer.json()));

        ConfigMap changed = store.get("enc", "written");
        changed.setData(Map.of("v", "second"));
        ConfigMap updated = store.update("enc", "written", null, current -> changed, new WriteOptions(false, "other"))
                .object();
        EncodedObject updateAnswer = store.encodedWritten("enc", updated);

        assertThat(text(updateAnswer.json())).isEqualTo(text(cluster.codec.encode(store.get("enc", "written"))))
                .contains("\"second\"");
        assertThat(text(store.getEncoded("enc", "written").json())).isEqualTo(text(updateAnswer.json()));
    }

    @Test
    void anAnswerThatIsNotTheCurrentRevisionIsNotKeptForIt() {
        objects();
        ConfigMap first = store.create("enc", new ConfigMapBuilder().withNewMetadata().withName("overtaken")
                .endMetadata().withData(Map.of("v", "first")).build(), WriteOptions.DEFAULT);
        ConfigMap changed = store.get("enc", "overtaken");
        changed.setData(Map.of("v", "second"));
        store.update("enc", "overtaken", null, current -> changed, WriteOptions.DEFAULT);
        ConfigMap dryRun = store.create("enc", new ConfigMapBuilder().withNewMetadata().withName("dry")
                .endMetadata().build(), new WriteOptions(true, null));

        assertThat(text(store.encodedWritten("enc", first).json())).contains("\"first\"");
        assertThat(text(store.encodedWritten("enc", dryRun).json())).contains("\"name\":\"dry\"");

        assertThat(text(store.getEncoded("enc", "overtaken").json())).contains("\"second\"")
                .isEqualTo(text(cluster.codec.encode(store.get("enc", "overtaken"))));
    }

    private static ListOptions page(LabelSelector labels, FieldSelector fields, long limit) {
        return new ListOptions(labels, fields, limit, null, null, null);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
