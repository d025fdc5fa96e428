package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.openapi.v2.Document;
import io.kubeling.openapi.v2.NamedSchema;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** /openapi/v2 as kube-apiserver serves it: protobuf for kubectl, JSON for others, cached by ETag. */
@KubelingTest
class OpenApiV2Test {

    private static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> get(String accept, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi/v2"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void kubectlsProtobufRequestGetsTheDocumentUnderTheCurrentTypeName() throws Exception {
        HttpResponse<byte[]> reply = get(PROTOBUF, null);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(OpenApiV2Controller.PROTOBUF);
        assertThat(reply.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(reply.headers().firstValue("Last-Modified")).isPresent();
        Document doc = Document.parseFrom(reply.body());
        assertThat(doc.getSwagger()).isEqualTo("2.0");
        assertThat(doc.getDefinitions().getAdditionalPropertiesList()).extracting(NamedSchema::getName)
                .contains("io.k8s.api.core.v1.Pod", "io.k8s.api.apps.v1.Deployment",
                        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(doc.getPaths().getPathList()).extracting(p -> p.getName())
                .contains("/api/v1/namespaces/{namespace}/pods/{name}", "/apis/apps/v1/deployments", "/version/");
    }

    @Test
    void jsonIsTheSameDocumentUnderTheSameETag() throws Exception {
        HttpResponse<byte[]> proto = get(PROTOBUF, null);
        HttpResponse<byte[]> json = get("application/json", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        String etag = json.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9A-F]{128}\"");
        assertThat(proto.headers().firstValue("ETag")).hasValue(etag);
        JsonNode doc = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.body());
        assertThat(doc.get("swagger").asString()).isEqualTo("2.0");
        assertThat(doc.at("/definitions/io.k8s.api.core.v1.Pod/x-kubernetes-group-version-kind/0/kind").asString())
                .isEqualTo("Pod");
        Document decoded = Document.parseFrom(proto.body());
        assertThat(decoded.getDefinitions().getAdditionalPropertiesCount()).isEqualTo(doc.get("definitions").size());
        assertThat(decoded.getPaths().getPathCount()).isEqualTo(doc.get("paths").size());
        assertThat(get(null, null).headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aClientHoldingTheCurrentETagGetsNotModified() throws Exception {
        String etag = get(PROTOBUF, null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> cached = get(PROTOBUF, etag);
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(cached.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(PROTOBUF, "\"stale\"").statusCode()).isEqualTo(200);
    }

    @Test
    void theBestAcceptableRangeWinsAndNoAcceptableOneIsRefused() throws Exception {
        assertThat(get("application/json;q=0.5, " + PROTOBUF, null).headers().firstValue("Content-Type"))
                .hasValue(OpenApiV2Controller.PROTOBUF);
        assertThat(get(OpenApiV2Controller.PROTOBUF + ";q=0.1, application/*", null).headers()
                .firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<byte[]> refused = get("text/html", null);
        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(refused.headers().firstValue("Vary")).hasValue("Accept");
    }

    @Test
    void onlyTheExactPathIsServed() {
        assertThat(new HttpApi(port).get("/openapi/v2/").code()).isEqualTo(404);
        assertThat(new HttpApi(port).get("/swagger.json").code()).isEqualTo(404);
    }
}
