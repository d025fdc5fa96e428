package io.kubeling.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against a running Kubeling, for asserting the exact bodies clients receive. */
public final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final java.util.List<String> headers;

    public HttpApi(int port) {
        this("http://127.0.0.1:" + port, java.util.List.of());
    }

    private HttpApi(String base, java.util.List<String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** The same server, asked as {@code user} in {@code groups}, as {@code kubectl --as --as-group} asks. */
    public HttpApi as(String user, String... groups) {
        java.util.List<String> impersonating = new java.util.ArrayList<>(java.util.List.of("Impersonate-User", user));
        for (String group : groups) {
            impersonating.add("Impersonate-Group");
            impersonating.add(group);
        }
        return new HttpApi(base, impersonating);
    }

    /** The same server, asked with {@code Authorization: Bearer <token>}. */
    public HttpApi bearer(String token) {
        java.util.List<String> with = new java.util.ArrayList<>(headers);
        with.add("Authorization");
        with.add("Bearer " + token);
        return new HttpApi(base, with);
    }

    public String base() {
        return base;
    }

    /** Creates a namespace with a fresh name starting with {@code prefix}, and returns its name. */
    public String newNamespace(String prefix) {
        String name = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
        Reply reply = post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
                + "{\"name\":\"" + name + "\"}}");
        if (reply.code() != 201) {
            throw new IllegalStateException("namespace not created: " + reply);
        }
        awaitDefaultServiceAccount(name);
        return name;
    }

    /**
     * Waits until the controller has made the namespace's default service account, as kube's e2e framework
     * does, so that its write does not land in the middle of a test. Patient: on a server just started beside
     * others on a busy machine the first namespace's account took over 5 s, and a passing test waits no longer.
     */
    public void awaitDefaultServiceAccount(String namespace) {
        await("the default service account in " + namespace).atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> get("/api/v1/namespaces/" + namespace + "/serviceaccounts/default").code() == 200);
    }

    public Reply get(String path) {
        return send("GET", path, null, null, "application/json");
    }

    public Reply get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json", "application/json");
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, "application/json", "application/json");
    }

    public Reply patch(String path, String contentType, String body) {
        return send("PATCH", path, body, contentType, "application/json");
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null, "application/json");
    }

    public Reply delete(String path, String json) {
        return send("DELETE", path, json, "application/json", "application/json");
    }

    public Reply send(String method, String path, String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: its code, its text, and its JSON when it has some. */
    public record Reply(int code, String text, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public java.util.List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return code + " " + text;
        }
    }
}
