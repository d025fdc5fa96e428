package io.kubeling.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The Kubernetes resource API: {@code /api/v1/...} for the core group and
 * {@code /apis/{group}/{version}/...} for the others, every resource through one generic handler.
 */
@RestController
@Tag(name = "resources", description = "Kubernetes resources, served as kube-apiserver serves them")
class ResourceController {

    private final ResourceHandler handler;
    private final ResponseWriter writer;

    ResourceController(ResourceHandler handler, ResponseWriter writer) {
        this.handler = handler;
        this.writer = writer;
    }

    @Operation(summary = "Read, list, create, replace, patch or delete core resources",
            description = "Paths as kube-apiserver's: /api/v1/namespaces/{namespace}/{resource}[/{name}[/{subresource}]], "
                    + "/api/v1/{resource}[/{name}[/{subresource}]] for cluster-scoped resources and cluster-wide lists. "
                    + "Bodies are JSON or YAML; PATCH takes application/json-patch+json, application/merge-patch+json "
                    + "and application/strategic-merge-patch+json. Errors are v1 Status objects.",
            parameters = {
                    @Parameter(name = "labelSelector", in = ParameterIn.QUERY),
                    @Parameter(name = "fieldSelector", in = ParameterIn.QUERY),
                    @Parameter(name = "limit", in = ParameterIn.QUERY),
                    @Parameter(name = "continue", in = ParameterIn.QUERY),
                    @Parameter(name = "resourceVersion", in = ParameterIn.QUERY),
                    @Parameter(name = "resourceVersionMatch", in = ParameterIn.QUERY),
                    @Parameter(name = "dryRun", in = ParameterIn.QUERY),
                    @Parameter(name = "fieldManager", in = ParameterIn.QUERY),
                    @Parameter(name = "fieldValidation", in = ParameterIn.QUERY),
                    @Parameter(name = "gracePeriodSeconds", in = ParameterIn.QUERY),
                    @Parameter(name = "propagationPolicy", in = ParameterIn.QUERY),
                    @Parameter(name = "pretty", in = ParameterIn.QUERY)})
    @RequestMapping(path = "/api/v1/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> core(HttpServletRequest request) {
        return serve(request);
    }

    @Operation(summary = "Read, list, create, replace, patch or delete resources of a named API group",
            description = "Paths as kube-apiserver's: /apis/{group}/{version}/namespaces/{namespace}/{resource}[/{name}"
                    + "[/{subresource}]] and /apis/{group}/{version}/{resource}[/{name}[/{subresource}]].")
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
