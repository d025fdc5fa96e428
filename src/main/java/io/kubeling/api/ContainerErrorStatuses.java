package io.kubeling.api;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Jetty refuses before they reach the application (a malformed request line or header)
 * get a v1 Status instead of Jetty's HTML page.
 */
final class ContainerErrorStatuses extends ErrorHandler {

    /** Built on the first refused request, not as the web server is set up on the start's main thread (some 30 ms). */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof org.eclipse.jetty.http.HttpException failure) {
            code = failure.getCode();
            response.setStatus(code);
        }
        if (code < 400 || HttpStatus.hasNoBody(code) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        byte[] body = Json.MAPPER.writeValueAsBytes(ErrorStatuses.of(code).status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
