package io.kubeling.api;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.registry.Errors;
import io.swagger.v3.oas.annotations.Hidden;

/** Discovery as kube-apiserver serves it: legacy documents, and aggregated ones for clients that ask. */
@RestController
@Hidden
class DiscoveryController {

    private final DiscoveryDocuments documents;
    private final ResponseWriter writer;
    private final Codecs codecs;

    DiscoveryController(DiscoveryDocuments documents, ResponseWriter writer, Codecs codecs) {
        this.documents = documents;
        this.writer = writer;
        this.codecs = codecs;
    }

    @GetMapping({"/api", "/api/"})
    ResponseEntity<byte[]> api(HttpServletRequest request) {
        String aggregated = aggregatedVersion(request.getHeader(HttpHeaders.ACCEPT));
        if (aggregated != null) {
            return aggregatedResponse(request, documents.aggregated(true, aggregated), aggregated);
        }
        return writer.write(request, ApiResponse.ok(documents.apiVersions(request.getLocalAddr() + ":"
                + request.getLocalPort()), List.of()));
    }

    @GetMapping({"/apis", "/apis/"})
    ResponseEntity<byte[]> apis(HttpServletRequest request) {
        String aggregated = aggregatedVersion(request.getHeader(HttpHeaders.ACCEPT));
        if (aggregated != null) {
            return aggregatedResponse(request, documents.aggregated(false, aggregated), aggregated);
        }
        return writer.write(request, ApiResponse.ok(documents.groupList(), List.of()));
    }

    @GetMapping({"/api/v1", "/api/v1/"})
    ResponseEntity<byte[]> coreResources(HttpServletRequest request) {
        return writer.write(request, ApiResponse.ok(documents.resourceList("v1"), List.of()));
    }

    @GetMapping({"/apis/{group}", "/apis/{group}/"})
    ResponseEntity<byte[]> group(@PathVariable String group, HttpServletRequest request) {
        Object document = documents.group(group);
        if (document == null) {
            throw Errors.notFoundPath();
        }
        return writer.write(request, ApiResponse.ok(document, List.of()));
    }

    @GetMapping({"/apis/{group}/{version}", "/apis/{group}/{version}/"})
    ResponseEntity<byte[]> groupResources(@PathVariable String group, @PathVariable String version,
            HttpServletRequest request) {
        Object list = documents.resourceList(group + "/" + version);
        if (list == null) {
            throw Errors.notFoundPath();
        }
        return writer.write(request, ApiResponse.ok(list, List.of()));
    }

    /** The apidiscovery.k8s.io version the client asks for first, if it asks for aggregated discovery. */
    static String aggregatedVersion(String accept) {
        if (accept == null) {
            return null;
        }
        for (String range : accept.split(",")) {
            String r = range.toLowerCase(Locale.ROOT).replace(" ", "");
            if (r.contains("as=apigroupdiscoverylist") && r.contains("g=apidiscovery.k8s.io")) {
                if (r.contains("v=v2beta1")) {
                    return "v2beta1";
                }
                if (r.contains("v=v2")) {
                    return "v2";
                }
            }
        }
        return null;
    }

    private ResponseEntity<byte[]> aggregatedResponse(HttpServletRequest request, Object document, String version) {
        HttpHeaders headers = new HttpHeaders();
        // kubectl picks its parser from this exact Content-Type.
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json;g=apidiscovery.k8s.io;v=" + version
                + ";as=APIGroupDiscoveryList");
        headers.set("Cache-Control", "no-cache, private");
        return ResponseEntity.ok().headers(headers).body(codecs.write(document, WireFormat.JSON,
                "true".equals(request.getParameter("pretty"))));
    }
}
