package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;
import io.kubeling.support.KubelingTest;

/** Lists with selectors read as far as they must, whatever the batch size of the scan beneath. */
@KubelingTest
class ResourceStoreListTest {

    @Autowired
    Registry registry;

    @Test
    void aSelectedListWithoutALimitReturnsEveryMatchBeyondOneBatch() {
        String ns = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null,
                new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build(), WriteOptions.DEFAULT);
        ResourceStore<ConfigMap> store = registry.store(ConfigMap.class);
        for (int i = 0; i < 1210; i++) {
            store.create(ns, new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .withLabels(Map.of("even", Boolean.toString(i % 2 == 0))).endMetadata().build(), WriteOptions.DEFAULT);
        }
        ListOptions evens = new ListOptions(LabelSelector.parse("even=true"), FieldSelector.EVERYTHING, 0, null, null,
                null);
        assertThat(store.list(ns, evens).items()).hasSize(605);

        ListOptions page = new ListOptions(LabelSelector.parse("even=true"), FieldSelector.EVERYTHING, 600, null, null,
                null);
        ListResult<ConfigMap> first = store.list(ns, page);
        assertThat(first.items()).hasSize(600);
        assertThat(first.continueToken()).isNotNull();
        ListResult<ConfigMap> rest = store.list(ns, new ListOptions(LabelSelector.parse("even=true"),
                FieldSelector.EVERYTHING, 600, first.continueToken(), null, null));
        assertThat(rest.items()).hasSize(5);
        assertThat(rest.continueToken()).isNull();
    }
}
