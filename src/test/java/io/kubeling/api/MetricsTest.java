package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;

@KubelingTest
class MetricsTest {

    @LocalServerPort
    int port;

    @Test
    void requestsAreCountedUnderKubesLabels() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("metrics");
        api.post("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m\"}}");
        api.get("/api/v1/namespaces/" + ns + "/configmaps/m");
        api.get("/api/v1/namespaces/" + ns + "/configmaps/absent");
        api.get("/api/v1/namespaces/" + ns + "/configmaps");

        Reply metrics = api.get("/metrics", "text/plain");
        assertThat(metrics.code()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(metrics.text())
                .containsPattern("apiserver_request_total\\{code=\"201\",component=\"apiserver\",group=\"\","
                        + "resource=\"configmaps\",scope=\"namespace\",subresource=\"\",verb=\"POST\","
                        + "version=\"v1\"} [1-9]")
                .containsPattern("apiserver_request_total\\{code=\"404\",[^}]*resource=\"configmaps\","
                        + "scope=\"resource\",subresource=\"\",verb=\"GET\"[^}]*} [1-9]")
                .containsPattern("apiserver_request_total\\{code=\"200\",[^}]*resource=\"configmaps\","
                        + "scope=\"namespace\",subresource=\"\",verb=\"LIST\"[^}]*} [1-9]")
                .contains("apiserver_request_duration_seconds_count{")
                .contains("jvm_memory_used_bytes");
    }
}
