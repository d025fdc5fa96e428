package io.kubeling.openapi;

import java.time.Clock;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Swagger 2.0 document kube-apiserver serves at /openapi/v2, which kubectl 1.28 and older read for explain,
 * client-side validation and the patch metadata of apply and diff: the v3 documents' paths and schemas in one
 * document, serialized as JSON and as gnostic's {@code openapi.v2.Document} protobuf message, built once, when
 * first asked for: most servers, a test's above all, are never asked, and building it took a tenth of the start-up.
 */
public class OpenApiV2Document {

    private final byte[] json;
    private final byte[] protobuf;
    private final String hash;
    private final Instant built;

    OpenApiV2Document(OpenApiV3Documents v3, Clock clock) {
        JsonMapper mapper = JsonMapper.builder().build();
        SwaggerConversion conversion = new SwaggerConversion();
        v3.all().values().forEach(doc -> conversion.add(mapper.readTree(doc.json())));
        ObjectNode swagger = conversion.document();
        this.json = mapper.writeValueAsBytes(swagger);
        this.protobuf = SwaggerProto.document(swagger).toByteArray();
        this.hash = OpenApiV3Documents.hash(json);
        this.built = clock.instant();
    }

    public byte[] json() {
        return json;
    }

    /** The {@code application/com.github.proto-openapi.spec.v2.v1.0+protobuf} form. */
    public byte[] protobuf() {
        return protobuf;
    }

    /** kube's ETag of both forms: the hash of the JSON. */
    public String hash() {
        return hash;
    }

    /** When the document was built: its Last-Modified. */
    public Instant built() {
        return built;
    }
}
