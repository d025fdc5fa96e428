package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import tools.jackson.databind.JsonNode;

/** Protobuf request bodies, framed as kubectl 1.32 frames them, answered in JSON. */
@KubelingTest
class ProtobufBodiesTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path, String apiVersion, String kind, Message object) throws Exception {
        Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {'k', '8', 's', 0});
        envelope.writeTo(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .header("Accept", "application/vnd.kubernetes.protobuf,application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSecretInProtobufIsStoredAndAnsweredInJson() throws Exception {
        String ns = new HttpApi(port).newNamespace("pb-");
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("creds").putLabels("app", "web"))
                .putData("password", ByteString.copyFromUtf8("s3cret")).setType("Opaque").build();
        HttpResponse<String> reply = post("/api/v1/namespaces/" + ns + "/secrets", "v1", "Secret", secret);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode created = ResourceContract.JSON.readTree(reply.body());
        assertThat(created.at("/data/password").asString()).isEqualTo("czNjcmV0");
        assertThat(created.at("/metadata/labels/app").asString()).isEqualTo("web");
        assertThat(created.get("type").asString()).isEqualTo("Opaque");
    }

    @Test
    void emptyMetadataFieldsAsGoWritesThemAreAbsent() throws Exception {
        String ns = new HttpApi(port).newNamespace("pb-");
        V1.ConfigMap map = V1.ConfigMap.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("cfg").setGenerateName("").setNamespace("")
                        .setGeneration(0))
                .putData("mode", "").build();
        HttpResponse<String> reply = post("/api/v1/namespaces/" + ns + "/configmaps", "v1", "ConfigMap", map);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        JsonNode created = ResourceContract.JSON.readTree(reply.body());
        assertThat(created.get("metadata").has("generateName")).as(reply.body()).isFalse();
        assertThat(created.get("metadata").has("generation")).isFalse();
        assertThat(created.at("/metadata/namespace").asString()).isEqualTo(ns);
        assertThat(created.at("/data/mode").isString()).as("an empty map value stays").isTrue();
    }

    @Test
    void aServiceKeepsItsIntOrStringTargetPorts() throws Exception {
        String ns = new HttpApi(port).newNamespace("pb-");
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web"))
                .setSpec(V1.ServiceSpec.newBuilder().putSelector("app", "web")
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setPort(80).setProtocol("TCP")
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http")))
                        .addPorts(V1.ServicePort.newBuilder().setName("alt").setPort(81).setProtocol("TCP")
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8081))))
                .build();
        HttpResponse<String> reply = post("/api/v1/namespaces/" + ns + "/services", "v1", "Service", service);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        JsonNode created = ResourceContract.JSON.readTree(reply.body());
        assertThat(created.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
        assertThat(created.at("/spec/ports/1/targetPort").asInt()).isEqualTo(8081);
    }

    @Test
    void aBodyWithoutTheMagicPrefixIsABadRequest() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("does not appear to be a protobuf message");
    }
}
