package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;

/** Encodes a response in the format the client accepts; pretty for curl and browsers, as kube does. */
@Component
class ResponseWriter {

    private final Codecs codecs;

    ResponseWriter(Codecs codecs) {
        this.codecs = codecs;
    }

    ResponseEntity<byte[]> write(HttpServletRequest request, ApiResponse response) {
        WireFormat format = Negotiation.responseFormat(request.getHeader(HttpHeaders.ACCEPT));
        return encode(response, format, pretty(request));
    }

    /** Encodes an answer about resources, which may be a Table or partial objects the client asked for. */
    ResponseEntity<byte[]> writeResource(HttpServletRequest request, ApiResponse response) {
        WireFormat format = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true).format();
        return encode(response, format, pretty(request));
    }

    /** Encodes even when the Accept header or pretty cannot be honoured, for error bodies. */
    ResponseEntity<byte[]> writeLenient(HttpServletRequest request, ApiResponse response) {
        WireFormat format;
        boolean pretty;
        try {
            format = Negotiation.responseFormat(request.getHeader(HttpHeaders.ACCEPT));
        } catch (RuntimeException e) {
            format = WireFormat.JSON;
        }
        try {
            pretty = pretty(request);
        } catch (RuntimeException e) {
            pretty = false;
        }
        return encode(response, format, pretty);
    }

    private ResponseEntity<byte[]> encode(ApiResponse response, WireFormat format, boolean pretty) {
        byte[] body = codecs.write(response.body(), format, pretty);
        // a plain map: these few headers are set once each under one spelling, which the case-insensitive map of
        // HttpHeaders() would lowercase and index again on every answer
        HttpHeaders headers = new HttpHeaders(new LinkedMultiValueMap<>(4));
        headers.set(HttpHeaders.CONTENT_TYPE, format.mediaType());
        headers.set("Cache-Control", "no-cache, private");
        WarningHeaders.add(headers, response.warnings());
        // the headers as they are: the builder would copy them into headers of its own
        return new ResponseEntity<>(body, headers, response.code());
    }

    /**
     * Sends a body small enough for the socket's buffers at once, as large ones are sent (status, headers, length,
     * bytes), without Spring MVC's search for a return value handler and a message converter on every request.
     */
    static void send(HttpServletResponse response, ResponseEntity<byte[]> entity) throws IOException {
        byte[] body = entity.getBody();
        head(response, entity);
        if (body == null) {
            return;
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The entity's status and headers on the response, for a body written straight to it. */
    static void head(HttpServletResponse response, ResponseEntity<byte[]> entity) {
        response.setStatus(entity.getStatusCode().value());
        // the map itself: HttpHeaders.forEach goes through case-insensitive views of it made for every call
        entity.getHeaders().asMultiValueMap()
                .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }

    private static boolean pretty(HttpServletRequest request) {
        String value = request.getParameter("pretty");
        if (value != null && !value.isEmpty()) {
            // kube's isPrettyPrint drops ParseBool's error: a value it cannot read is false, never a 400, which
            // would come after the write it answers
            return GoBool.trueOrFalse(value);
        }
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        return agent != null && (agent.startsWith("curl") || agent.startsWith("Wget") || agent.startsWith("Mozilla/"));
    }
}
