package io.kubeling.api;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.openapi.OpenApiDocuments;
import io.kubeling.openapi.OpenApiV3Documents;
import io.kubeling.openapi.OpenApiV3Documents.Document;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * /openapi/v3 as kube-apiserver serves it: the index, then each document by the URL the index names, whose
 * hash makes it cacheable for good; a stale hash is redirected to the current one.
 */
@RestController
@Hidden
class OpenApiV3Controller {

    private static final String PREFIX = "/openapi/v3/";
    private static final String NOT_FOUND = "404 page not found\n";

    // built on the first request, not at start-up, and again after what is served changes
    private final OpenApiDocuments documents;

    OpenApiV3Controller(OpenApiDocuments documents) {
        this.documents = documents;
    }

    @GetMapping({"/openapi/v3", "/openapi/v3/"})
    ResponseEntity<byte[]> index(HttpServletRequest request) {
        Document index = documents.v3().index();
        String etag = quoted(index.hash());
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache, private").body(index.json());
    }

    @GetMapping("/openapi/v3/**")
    ResponseEntity<byte[]> document(HttpServletRequest request) {
        String path = request.getRequestURI().substring(PREFIX.length()).replaceAll("/+$", "");
        Document doc = documents.v3().find(path).orElse(null);
        if (doc == null) {
            return notFound();
        }
        if (!acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).header(HttpHeaders.VARY, "Accept").build();
        }
        String etag = quoted(doc.hash());
        String hash = request.getParameter("hash");
        if (hash != null && !hash.isEmpty() && !hash.equals(doc.hash())) {
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).eTag(etag)
                    .header(HttpHeaders.LOCATION, OpenApiV3Documents.url(path, doc.hash()))
                    .header(HttpHeaders.VARY, "Accept").build();
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(etag)
                .header(HttpHeaders.VARY, "Accept");
        if (hash != null && !hash.isEmpty()) {
            answer.header(HttpHeaders.CACHE_CONTROL, "public, immutable").header(HttpHeaders.EXPIRES,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusYears(1)));
        }
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(answer.build().getHeaders()).build();
        }
        return answer.body(doc.json());
    }

    /** Not served by kube either: /openapi/v2 is served at that path exactly, and /swagger.json no longer. */
    @GetMapping({"/openapi/v2/", "/swagger.json"})
    ResponseEntity<byte[]> v2() {
        return notFound();
    }

    private static ResponseEntity<byte[]> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .header("X-Content-Type-Options", "nosniff").body(NOT_FOUND.getBytes());
    }

    /** JSON is the only format served; kube also serves these documents as protobuf. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String hash) {
        return "\"" + hash + "\"";
    }
}
