package io.kubeling.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;


/**
 * The Kubernetes resource API: {@code /api/v1/...} for the core group and
 * {@code /apis/{group}/{version}/...} for the others, every resource through one generic handler.
 * Documented per resource by {@link OpenApiResources}.
 */
@RestController
@Hidden
class ResourceController {

    private final ResourceHandler handler;
    private final ResponseWriter writer;

    ResourceController(ResourceHandler handler, ResponseWriter writer) {
        this.handler = handler;
        this.writer = writer;
    }

    @RequestMapping(path = "/api/v1/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> core(HttpServletRequest request) {
        return serve(request);
    }

    @RequestMapping(path = "/apis/{group}/{version}/**", method = {RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> grouped(HttpServletRequest request) {
        return serve(request);
    }

    private ResponseEntity<byte[]> serve(HttpServletRequest request) {
        ApiPath path = ApiPath.parse(request.getRequestURI());
        ApiResponse response = handler.handle(request.getMethod(), path, request);
        return writer.write(request, response);
    }

    static void addWarnings(HttpHeaders headers, List<String> warnings) {
        for (String warning : warnings) {
            headers.add("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }
}
