package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.Fabric8;
import io.kubeling.support.KubelingTest;

/** fabric8's watch() and informers receive changes within a second of the write. */
@KubelingTest
@AloneOnTheServer
class Fabric8WatchTest {

    @LocalServerPort
    int port;

    KubernetesClient client;
    String ns;

    @BeforeEach
    void setUp() {
        client = Fabric8.client(port);
        ns = Fabric8.newNamespace(client, "f8w-");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", value).build();
    }

    private record Seen(String action, String name, String value, long at) {
    }

    @Test
    void watchDeliversEachChangeWithinASecond() throws Exception {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                if (action == Action.BOOKMARK) {
                    return;
                }
                seen.add(new Seen(action.name(), resource.getMetadata().getName(), resource.getData().get("k"),
                        System.nanoTime()));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            // The watch is live once it reports an object written after it was opened.
            client.configMaps().inNamespace(ns).resource(cm("sentinel", "0")).create();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isNotNull();

            client.configMaps().inNamespace(ns).resource(cm("w", "1")).create();
            long written = System.nanoTime();
            Seen added = seen.poll(5, TimeUnit.SECONDS);
            assertThat(added).isNotNull();
            assertThat(added.action()).isEqualTo("ADDED");
            assertThat(added.name()).isEqualTo("w");
            assertThat(TimeUnit.NANOSECONDS.toMillis(added.at() - written)).isLessThan(1000);

            client.configMaps().inNamespace(ns).withName("w").edit(c -> cm("w", "2"));
            written = System.nanoTime();
            Seen modified = seen.poll(5, TimeUnit.SECONDS);
            assertThat(modified.action()).isEqualTo("MODIFIED");
            assertThat(modified.value()).isEqualTo("2");
            assertThat(TimeUnit.NANOSECONDS.toMillis(modified.at() - written)).isLessThan(1000);

            client.configMaps().inNamespace(ns).withName("w").delete();
            Seen deleted = seen.poll(5, TimeUnit.SECONDS);
            assertThat(deleted.action()).isEqualTo("DELETED");
        }
    }

    /** A watch of the namespace's configmaps from resourceVersion, recording what it delivers, bookmarks aside. */
    private Watch watchFrom(String resourceVersion, BlockingQueue<Seen> seen) {
        return client.configMaps().inNamespace(ns).watch(new ListOptionsBuilder().withResourceVersion(resourceVersion)
                .build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        if (action != Action.BOOKMARK) {
                            seen.add(new Seen(action.name(), resource.getMetadata().getName(),
                                    resource.getMetadata().getResourceVersion(), System.nanoTime()));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
    }

    @Test
    void aWatchResumesFromTheLastResourceVersionItSaw() throws Exception {
        String start = client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion();
        client.configMaps().inNamespace(ns).resource(cm("watched-1", "1")).create();
        BlockingQueue<Seen> first = new LinkedBlockingQueue<>();
        Seen added;
        try (Watch watch = watchFrom(start, first)) {
            added = first.poll(10, TimeUnit.SECONDS);
        }
        assertThat(added).extracting(Seen::action, Seen::name).containsExactly("ADDED", "watched-1");

        client.configMaps().inNamespace(ns).resource(cm("watched-2", "2")).create();
        client.configMaps().inNamespace(ns).withName("watched-1").delete();
        BlockingQueue<Seen> resumed = new LinkedBlockingQueue<>();
        try (Watch watch = watchFrom(added.value(), resumed)) {
            assertThat(resumed.poll(10, TimeUnit.SECONDS)).extracting(Seen::action, Seen::name)
                    .containsExactly("ADDED", "watched-2");
            assertThat(resumed.poll(10, TimeUnit.SECONDS)).extracting(Seen::action, Seen::name)
                    .containsExactly("DELETED", "watched-1");
        }
    }

    @Test
    void informerListsThenFollowsChanges() throws Exception {
        client.configMaps().inNamespace(ns).resource(cm("before", "0")).create();
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                seen.add(new Seen("add", obj.getMetadata().getName(), obj.getData().get("k"), System.nanoTime()));
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                seen.add(new Seen("update", newObj.getMetadata().getName(), newObj.getData().get("k"),
                        System.nanoTime()));
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add(new Seen("delete", obj.getMetadata().getName(), null, System.nanoTime()));
            }
        });
        try {
            Seen initial = seen.poll(5, TimeUnit.SECONDS);
            assertThat(initial).isNotNull();
            assertThat(initial.name()).isEqualTo("before");
            assertThat(informer.hasSynced()).isTrue();

            client.configMaps().inNamespace(ns).resource(cm("after", "1")).create();
            long written = System.nanoTime();
            Seen added = seen.poll(5, TimeUnit.SECONDS);
            assertThat(added).isNotNull();
            assertThat(added.action()).isEqualTo("add");
            assertThat(added.name()).isEqualTo("after");
            assertThat(TimeUnit.NANOSECONDS.toMillis(added.at() - written)).isLessThan(1000);

            client.configMaps().inNamespace(ns).withName("after").edit(c -> cm("after", "2"));
            written = System.nanoTime();
            Seen updated = seen.poll(5, TimeUnit.SECONDS);
            assertThat(updated.action()).isEqualTo("update");
            assertThat(updated.value()).isEqualTo("2");
            assertThat(TimeUnit.NANOSECONDS.toMillis(updated.at() - written)).isLessThan(1000);

            client.configMaps().inNamespace(ns).withName("before").delete();
            Seen deleted = seen.poll(5, TimeUnit.SECONDS);
            assertThat(deleted.action()).isEqualTo("delete");
            assertThat(deleted.name()).isEqualTo("before");
        } finally {
            informer.close();
        }
    }
}
