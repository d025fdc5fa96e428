package io.kubeling.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.api.connector.SecurePort;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.authentication.Authenticators;
import io.kubeling.registry.authentication.ServiceAccountTokens;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * kube-apiserver's service-account issuer discovery: the OpenID provider configuration and the key set that
 * verifies service-account tokens, for relying parties outside the cluster, cached for an hour as kube's.
 */
@RestController
@Hidden
class ServiceAccountIssuerDiscovery {

    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final ServiceAccountTokens tokens;
    private final SecurePort secure;
    private final KubelingProperties properties;
    private final Codecs codecs;

    ServiceAccountIssuerDiscovery(Authenticators authenticators, SecurePort secure, KubelingProperties properties,
            Codecs codecs) {
        this.tokens = authenticators.serviceAccountTokens();
        this.secure = secure;
        this.properties = properties;
        this.codecs = codecs;
    }

    @GetMapping("/.well-known/openid-configuration")
    ResponseEntity<byte[]> configuration() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", tokens.issuer());
        document.put("jwks_uri", externalAddress() + "/openid/v1/jwks");
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("ES256"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(codecs.write(document, WireFormat.JSON, false));
    }

    @GetMapping("/openid/v1/jwks")
    ResponseEntity<byte[]> keys() {
        return ResponseEntity.ok().contentType(JWK_SET)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(codecs.write(tokens.jwks(), WireFormat.JSON, false));
    }

    /** kube's default for the key set's address: the server's own external address on the secure port. */
    private String externalAddress() {
        String bind = properties.bindAddress();
        String host = bind == null || bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1"
                : bind.contains(":") ? "[" + bind + "]" : bind;
        return "https://" + host + ":" + (secure.enabled() ? secure.localPort() : properties.port());
    }
}
