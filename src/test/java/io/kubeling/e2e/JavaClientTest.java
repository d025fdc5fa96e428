package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.gson.reflect.TypeToken;

import io.kubeling.support.KubelingTest;
import io.kubeling.support.WrittenKubeconfig;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.generic.GenericKubernetesApi;

/** The official Java client (io.kubernetes:client-java), configured from Kubeling's kubeconfig, through its common flows. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class JavaClientTest {

    @LocalServerPort
    int port;

    ApiClient client;
    CoreV1Api core;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        client = Config.fromConfig(WrittenKubeconfig.of(port).toString());
        // informers need a client without a read timeout, as client-java's own examples set up
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
        core = new CoreV1Api(client);
        ns = "java-" + UUID.randomUUID().toString().substring(0, 8);
        core.createNamespace(new V1Namespace().apiVersion("v1").kind("Namespace")
                .metadata(new V1ObjectMeta().name(ns))).execute();
    }

    @AfterEach
    void tearDown() throws Exception {
        core.deleteNamespace(ns).execute();
    }

    private static V1ConfigMap configMap(String name, Map<String, String> data) {
        return new V1ConfigMap().apiVersion("v1").kind("ConfigMap").data(data)
                .metadata(new V1ObjectMeta().name(name).putLabelsItem("flow", "e2e"));
    }

    private V1ConfigMap patch(String name, String format, String body) throws ApiException {
        return patch(name, format, body, "e2e-java", null);
    }

    private V1ConfigMap patch(String name, String format, String body, String manager, Boolean force)
            throws ApiException {
        return PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap(name, ns, new V1Patch(body))
                .fieldManager(manager).force(force).buildCall(null), format, client);
    }

    @Test
    void createWithoutKind() throws Exception {
        V1Namespace namespace = core.createNamespace(new V1Namespace()
                .metadata(new V1ObjectMeta().name(ns + "-bare"))).execute();
        core.deleteNamespace(ns + "-bare").execute();
        assertThat(namespace.getKind()).isEqualTo("Namespace");

        V1ConfigMap created = core.createNamespacedConfigMap(ns, new V1ConfigMap()
                .metadata(new V1ObjectMeta().name("no-kind")).data(Map.of("a", "1"))).execute();
        assertThat(created.getApiVersion()).isEqualTo("v1");
        assertThat(created.getKind()).isEqualTo("ConfigMap");
        assertThat(created.getMetadata().getUid()).isNotEmpty();
    }

    @Test
    void createListGetAndDelete() throws Exception {
        V1ConfigMap created = core.createNamespacedConfigMap(ns, configMap("settings", Map.of("mode", "a"))).execute();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();

        V1ConfigMapList listed = core.listNamespacedConfigMap(ns).labelSelector("flow=e2e").execute();
        assertThat(listed.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("settings");
        assertThat(listed.getMetadata().getResourceVersion()).isNotEmpty();

        V1ConfigMap got = core.readNamespacedConfigMap("settings", ns).execute();
        assertThat(got.getData()).containsExactly(Map.entry("mode", "a"));
        assertThat(got.getKind()).isEqualTo("ConfigMap");

        core.deleteNamespacedConfigMap("settings", ns).execute();
        assertThatThrownBy(() -> core.readNamespacedConfigMap("settings", ns).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void replaceFromAListItem() throws Exception {
        core.createNamespacedConfigMap(ns, configMap("settings", Map.of("mode", "a"))).execute();
        V1ConfigMap item = core.listNamespacedConfigMap(ns).execute().getItems().get(0);
        item.putDataItem("mode", "b");

        V1ConfigMap replaced = core.replaceNamespacedConfigMap("settings", ns, item).execute();

        assertThat(replaced.getData()).containsEntry("mode", "b");
        assertThat(replaced.getMetadata().getResourceVersion()).isNotEqualTo(item.getMetadata().getResourceVersion());
    }

    @Test
    void mergeStrategicAndServerSidePatches() throws Exception {
        core.createNamespacedConfigMap(ns, configMap("settings", Map.of("mode", "a"))).execute();
        V1ConfigMap merged = patch("settings", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, "{\"data\":{\"merged\":\"yes\"}}");
        assertThat(merged.getData()).containsEntry("merged", "yes").containsEntry("mode", "a");

        core.createNamespacedPod(ns, new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name("web"))
                .spec(new V1PodSpec().schedulerName("kubeling-test-unscheduled").containers(List.of(
                        new V1Container().name("web").image("nginx:1.27"),
                        new V1Container().name("sidecar").image("busybox:1.36"))))).execute();
        V1Pod strategic = PatchUtils.patch(V1Pod.class, () -> core.patchNamespacedPod("web", ns,
                new V1Patch("{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}"))
                .buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        assertThat(strategic.getSpec().getContainers()).extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("web=nginx:1.28", "sidecar=busybox:1.36");

        String apply = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  owner: %s\n";
        V1ConfigMap applied = patch("applied", V1Patch.PATCH_FORMAT_APPLY_YAML, apply.formatted("java"), "e2e-java",
                true);
        assertThat(applied.getData()).containsExactly(Map.entry("owner", "java"));
        // client-java 27 reads managedFields back as an empty list, so ownership shows as the conflict it causes
        assertThatThrownBy(() -> patch("applied", V1Patch.PATCH_FORMAT_APPLY_YAML, apply.formatted("other"),
                "e2e-other", null)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getResponseBody()).contains("conflict with \\\"e2e-java\\\"");
                });
        assertThat(patch("applied", V1Patch.PATCH_FORMAT_APPLY_YAML, apply.formatted("other"), "e2e-other", true)
                .getData()).containsExactly(Map.entry("owner", "other"));
    }

    /** The first count events of a watch of the namespace's configmaps from resourceVersion, bookmarks aside. */
    private List<Watch.Response<V1ConfigMap>> watch(String resourceVersion, int count) throws Exception {
        List<Watch.Response<V1ConfigMap>> events = new ArrayList<>();
        try (Watch<V1ConfigMap> watch = Watch.createWatch(client, core.listNamespacedConfigMap(ns)
                .resourceVersion(resourceVersion).allowWatchBookmarks(true).watch(true).timeoutSeconds(10)
                .buildCall(null), new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType())) {
            for (Watch.Response<V1ConfigMap> event : watch) {
                if (!event.type.equals("BOOKMARK")) {
                    events.add(event);
                }
                if (events.size() == count) {
                    break;
                }
            }
        }
        return events;
    }

    @Test
    void watchWithResume() throws Exception {
        String start = core.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
        core.createNamespacedConfigMap(ns, configMap("watched-1", Map.of("n", "1"))).execute();
        List<Watch.Response<V1ConfigMap>> first = watch(start, 1);
        assertThat(first).extracting(e -> e.type + " " + e.object.getMetadata().getName())
                .containsExactly("ADDED watched-1");

        core.createNamespacedConfigMap(ns, configMap("watched-2", Map.of("n", "2"))).execute();
        core.deleteNamespacedConfigMap("watched-1", ns).execute();
        List<Watch.Response<V1ConfigMap>> resumed = watch(first.get(0).object.getMetadata().getResourceVersion(), 2);
        assertThat(resumed).extracting(e -> e.type + " " + e.object.getMetadata().getName())
                .containsExactly("ADDED watched-2", "DELETED watched-1");
    }

    @Test
    void informer() throws Exception {
        core.createNamespacedConfigMap(ns, configMap("settings", Map.of("mode", "a"))).execute();
        SharedInformerFactory factory = new SharedInformerFactory(client);
        SharedIndexInformer<V1ConfigMap> informer = factory.sharedIndexInformerFor(new GenericKubernetesApi<>(
                V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps", client), V1ConfigMap.class, 0, ns);
        List<String> seen = new CopyOnWriteArrayList<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1ConfigMap obj) {
                seen.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
                seen.add("update " + newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete " + obj.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
        try {
            var await = Awaitility.await().atMost(Duration.ofSeconds(15));
            await.until(informer::hasSynced);
            await.until(() -> seen.contains("add settings"));
            core.createNamespacedConfigMap(ns, configMap("informed", Map.of("n", "1"))).execute();
            await.until(() -> seen.contains("add informed"));
            patch("informed", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, "{\"data\":{\"n\":\"2\"}}");
            await.until(() -> seen.contains("update informed"));
            core.deleteNamespacedConfigMap("informed", ns).execute();
            await.until(() -> seen.contains("delete informed"));
            assertThat(informer.getIndexer().listKeys()).containsExactly(ns + "/settings");
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }
}
