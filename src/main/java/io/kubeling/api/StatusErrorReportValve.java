package io.kubeling.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.fabric8.kubernetes.api.model.Status;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Tomcat refuses before they reach the application (a malformed escape in the path) get a
 * v1 Status instead of Tomcat's HTML page. Public: Tomcat creates it by its class name.
 */
public class StatusErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Status status = ErrorStatuses.of(code).status();
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(JSON.writeValueAsBytes(status));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was already sent: nothing more to say
        }
    }
}
