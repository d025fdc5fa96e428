package io.kubeling.controllers.kubelet.shell;

import java.util.Map;

/** A simulated server listening on a pod's port: it answers one HTTP request at a time. */
@FunctionalInterface
public interface HttpServer {

    Response handle(Request request);

    /** A request as the server sees it; {@code client} is the address it comes from. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, String client) {

        public String userAgent() {
            return headers.getOrDefault("User-Agent", "-");
        }
    }

    record Response(int status, String reason, Map<String, String> headers, byte[] body) {
    }
}
