package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.KubelingTest;

/** Later pages of a list show the snapshot of its first page, whatever was written since, until it is compacted. */
@KubelingTest
@AloneOnTheServer
class ResourceStorePagingTest {

    private static final String INCONSISTENT = "The provided continue parameter is too old to display a consistent "
            + "list result. You can start a new list without the continue parameter, or use the continue token in "
            + "this response to retrieve the remainder of the results. Continuing with the provided token results in "
            + "an inconsistent list - objects that were created, modified, or deleted between the time the first "
            + "chunk was returned and now may show up in the list.";

    @Autowired
    Registry registry;

    @Autowired
    KeyValueStore kv;

    private ResourceStore<ConfigMap> store;
    private String ns;

    @BeforeEach
    void namespace() {
        ns = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        registry.store(Namespace.class).create(null,
                new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build(), WriteOptions.DEFAULT);
        store = registry.store(ConfigMap.class);
        for (int i = 0; i < 7; i++) {
            create("cm-" + i, i % 2 == 0 ? "even" : "odd", "v" + i);
        }
    }

    private ConfigMap create(String name, String parity, String value) {
        return store.create(ns, new ConfigMapBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("parity", parity)).endMetadata().withData(Map.of("v", value)).build(),
                WriteOptions.DEFAULT);
    }

    private static ListOptions page(String selector, long limit, String token) {
        return new ListOptions(LabelSelector.parse(selector), FieldSelector.EVERYTHING, limit, token, null, null);
    }

    private void writeBehindTheFirstPage() {
        store.update(ns, "cm-3", null, cm -> {
            cm.setData(Map.of("v", "changed"));
            return cm;
        }, WriteOptions.DEFAULT);
        store.delete(ns, "cm-4", DeleteOptions.DEFAULT);
        create("cm-35", "odd", "new");
        create("cm-45", "even", "new");
    }

    private static List<String> described(List<ConfigMap> items) {
        return items.stream().map(cm -> cm.getMetadata().getName() + "=" + cm.getData().get("v")).toList();
    }

    @Test
    void laterPagesShowTheFirstPagesSnapshotAfterWrites() {
        ListResult<ConfigMap> first = store.list(ns, page("", 3, null));
        String third = store.get(ns, "cm-3").getMetadata().getResourceVersion();
        assertThat(described(first.items())).containsExactly("cm-0=v0", "cm-1=v1", "cm-2=v2");
        assertThat(first.remainingItemCount()).isEqualTo(4);
        writeBehindTheFirstPage();

        ListResult<ConfigMap> second = store.list(ns, page("", 3, first.continueToken()));
        assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
        assertThat(described(second.items())).containsExactly("cm-3=v3", "cm-4=v4", "cm-5=v5");
        assertThat(second.remainingItemCount()).isEqualTo(1);
        assertThat(second.items().get(0).getMetadata().getResourceVersion()).isEqualTo(third);
        ListResult<ConfigMap> last = store.list(ns, page("", 3, second.continueToken()));
        assertThat(described(last.items())).containsExactly("cm-6=v6");
        assertThat(last.continueToken()).isNull();

        assertThat(described(store.list(ns, ListOptions.ALL).items())).containsExactly("cm-0=v0", "cm-1=v1",
                "cm-2=v2", "cm-3=changed", "cm-35=new", "cm-45=new", "cm-5=v5", "cm-6=v6");
    }

    @Test
    void aSelectorHoldsAcrossPagesOfTheSnapshot() {
        ListResult<ConfigMap> first = store.list(ns, page("parity=odd", 1, null));
        assertThat(described(first.items())).containsExactly("cm-1=v1");
        assertThat(first.remainingItemCount()).isNull();
        writeBehindTheFirstPage();

        List<String> rest = new ArrayList<>();
        String token = first.continueToken();
        while (token != null) {
            ListResult<ConfigMap> next = store.list(ns, page("parity=odd", 1, token));
            assertThat(next.resourceVersion()).isEqualTo(first.resourceVersion());
            assertThat(next.remainingItemCount()).isNull();
            rest.addAll(described(next.items()));
            token = next.continueToken();
        }
        assertThat(rest).containsExactly("cm-3=v3", "cm-5=v5");
    }

    @Test
    void anExactListAtAPastRevisionShowsTheStateOfThen() {
        long then = store.list(ns, ListOptions.ALL).resourceVersion();
        writeBehindTheFirstPage();
        ListResult<ConfigMap> exact = store.list(ns, new ListOptions(LabelSelector.EVERYTHING,
                FieldSelector.EVERYTHING, 0, null, Long.toString(then), "Exact"));
        assertThat(exact.resourceVersion()).isEqualTo(then);
        assertThat(described(exact.items())).containsExactly("cm-0=v0", "cm-1=v1", "cm-2=v2", "cm-3=v3", "cm-4=v4",
                "cm-5=v5", "cm-6=v6");
    }

    @Test
    void aSnapshotAtTheCompactionPointItselfStillPages() {
        ListResult<ConfigMap> first = store.list(ns, page("", 3, null));
        kv.compact(first.resourceVersion());
        writeBehindTheFirstPage();

        ListResult<ConfigMap> second = store.list(ns, page("", 3, first.continueToken()));
        assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
        assertThat(described(second.items())).containsExactly("cm-3=v3", "cm-4=v4", "cm-5=v5");
    }

    @Test
    void aCompactedSnapshotAnswers410WithATokenForTheRestAtTheLatest() {
        ListResult<ConfigMap> first = store.list(ns, page("", 3, null));
        writeBehindTheFirstPage();
        kv.compact(kv.currentRevision());
        create("cm-9", "odd", "after");

        assertThatThrownBy(() -> store.list(ns, page("", 3, first.continueToken())))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.status().getMessage()).isEqualTo(INCONSISTENT);
                    assertThat(ContinueToken.decode(e.status().getMetadata().getContinue()))
                            .isEqualTo(new ContinueToken(-1, "cm-2"));
                });
        StatusException expired = catchExpired(first.continueToken());
        long latest = kv.currentRevision();
        ListResult<ConfigMap> rest = store.list(ns, page("", 3, expired.status().getMetadata().getContinue()));
        // The server's own controllers may write meanwhile (the namespace's service account), so "latest" is a range.
        assertThat(rest.resourceVersion()).isBetween(latest, kv.currentRevision());
        assertThat(described(rest.items())).containsExactly("cm-3=changed", "cm-35=new", "cm-45=new");
        assertThat(rest.remainingItemCount()).isEqualTo(3);
        ListResult<ConfigMap> last = store.list(ns, page("", 3, rest.continueToken()));
        assertThat(described(last.items())).containsExactly("cm-5=v5", "cm-6=v6", "cm-9=after");
        assertThat(last.continueToken()).isNull();
    }

    private StatusException catchExpired(String token) {
        try {
            store.list(ns, page("", 3, token));
        } catch (StatusException e) {
            return e;
        }
        throw new AssertionError("the list did not expire");
    }
}
