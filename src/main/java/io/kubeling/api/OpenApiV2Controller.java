package io.kubeling.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.openapi.OpenApiDocuments;
import io.kubeling.openapi.OpenApiV2Document;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * /openapi/v2 as kube-apiserver serves it: JSON, or gnostic's protobuf message, which kubectl asks for, by the
 * first range of the Accept header that names one (by quality, then specificity), else 406; both forms carry the
 * JSON's hash as ETag and the build time as Last-Modified, and a client holding either gets 304.
 */
@RestController
@Hidden
class OpenApiV2Controller {

    static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    /** The older name of the same type, which kubectl sends; it is answered under the current one. */
    static final String PROTOBUF_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    // built on the first request, not at start-up, and again after what is served changes
    private final OpenApiDocuments documents;

    OpenApiV2Controller(OpenApiDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/openapi/v2")
    ResponseEntity<byte[]> v2(HttpServletRequest request) {
        OpenApiV2Document document = documents.v2();
        String etag = "\"" + document.hash() + "\"";
        Instant modified = document.built().truncatedTo(ChronoUnit.SECONDS);
        for (Range range : ranges(request.getHeader(HttpHeaders.ACCEPT))) {
            byte[] body = null;
            String type = null;
            if (range.matches(MediaType.APPLICATION_JSON_VALUE)) {
                body = document.json();
                type = MediaType.APPLICATION_JSON_VALUE;
            } else if (range.matches(PROTOBUF_DEPRECATED) || range.matches(PROTOBUF)) {
                body = document.protobuf();
                type = PROTOBUF;
            }
            if (body == null) {
                continue;
            }
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(HttpHeaders.VARY, "Accept")
                    .header(HttpHeaders.CONTENT_TYPE, type).eTag(etag).lastModified(modified);
            if (notModified(request, etag, modified)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(answer.build().getHeaders()).build();
            }
            return answer.body(body);
        }
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).header(HttpHeaders.VARY, "Accept").build();
    }

    private static boolean notModified(HttpServletRequest request, String etag, Instant modified) {
        String match = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (match != null) {
            for (String tag : match.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        long since;
        try {
            since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
        } catch (IllegalArgumentException e) {
            // a date that does not parse is no condition, as Go's http.ServeContent treats it
            return false;
        }
        return since >= 0 && !modified.isAfter(Instant.ofEpochMilli(since));
    }

    /** One range of an Accept header. */
    record Range(String type, String subtype, double quality) {

        boolean matches(String mediaType) {
            int slash = mediaType.indexOf('/');
            return (type.equals("*") || type.equals(mediaType.substring(0, slash)))
                    && (subtype.equals("*") || subtype.equals(mediaType.substring(slash + 1)));
        }

        int specificity() {
            return (type.equals("*") ? 0 : 1) + (subtype.equals("*") ? 0 : 1);
        }
    }

    /**
     * The ranges of an Accept header, best first. Parsed by hand: the protobuf type's {@code @} is not a token
     * character, so strict media type parsers refuse it.
     */
    static List<Range> ranges(String accept) {
        List<Range> ranges = new ArrayList<>();
        String header = accept == null || accept.isBlank() ? "*/*" : accept;
        for (String part : header.split(",")) {
            String[] params = part.split(";", -1);
            String full = params[0].trim().toLowerCase(Locale.ROOT);
            int slash = full.indexOf('/');
            if (slash <= 0 || slash == full.length() - 1) {
                continue;
            }
            double quality = 1;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (quality > 0) {
                ranges.add(new Range(full.substring(0, slash), full.substring(slash + 1), quality));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed()
                .thenComparing(Comparator.comparingInt(Range::specificity).reversed()));
        return ranges;
    }
}
