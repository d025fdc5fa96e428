package io.kubeling.resources.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.validation.FieldError;

class SecretStrategyTest {

    private final SecretStrategy strategy = new SecretStrategy();

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static SecretBuilder secret(String type) {
        return new SecretBuilder().withNewMetadata().withName("s").withNamespace("default").endMetadata().withType(type);
    }

    private List<String> create(Secret secret) {
        strategy.applyDefaults(secret);
        strategy.prepareForCreate(secret);
        return messages(strategy.validate(secret));
    }

    static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void typeDefaultsToOpaque() {
        Secret secret = secret(null).build();
        assertThat(create(secret)).isEmpty();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(strategy.selectableFields(secret)).containsExactlyEntriesOf(Map.of("type", "Opaque"));
    }

    @Test
    void stringDataIsMergedIntoDataAndCleared() {
        Secret secret = secret("Opaque").withData(Map.of("a", b64("old"), "b", b64("kept")))
                .withStringData(Map.of("a", "grüß", "c", "new")).build();

        assertThat(create(secret)).isEmpty();

        assertThat(secret.getStringData()).isNullOrEmpty();
        assertThat(secret.getData()).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", b64("grüß"), "b", b64("kept"), "c", b64("new")));
    }

    @Test
    void stringDataIsMergedOnUpdateToo() {
        Secret old = secret("Opaque").withData(Map.of("a", b64("x"))).build();
        Secret secret = secret("Opaque").withStringData(Map.of("a", "y")).build();

        strategy.applyDefaults(secret);
        strategy.prepareForUpdate(secret, old);

        assertThat(secret.getData()).containsExactlyEntriesOf(Map.of("a", b64("y")));
        assertThat(secret.getStringData()).isNullOrEmpty();
    }

    @Test
    void dataIsStoredAsCanonicalBase64() {
        Secret secret = secret("Opaque").withData(Map.of("a", "YW\nJj")).build();
        assertThat(create(secret)).isEmpty();
        assertThat(secret.getData()).containsEntry("a", "YWJj");
    }

    @Test
    void dataThatIsNotBase64IsABadRequestAsKubesDecoderSaysIt() {
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YWJj!")).build()))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(
                            "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4");
                });
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YWJjZA")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 4");
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YWJjZA=")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 7");
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YWJjZA==x")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 8");
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YW=j")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 2");
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "Y===")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 1");
        assertThatThrownBy(() -> strategy.applyDefaults(secret("Opaque").withData(Map.of("a", "YWJjé")).build()))
                .hasMessageEndingWith("illegal base64 data at input byte 4");
    }

    @Test
    void keysAreConfigKeys() {
        Secret secret = secret("Opaque").withStringData(Map.of("a b", "x")).build();
        assertThat(create(secret)).containsExactly(
                "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, "
                        + "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                        + "validation is '[-._a-zA-Z0-9]+')");
        assertThat(create(secret("Opaque").withStringData(Map.of("..a", "x")).build()))
                .containsExactly("data[..a]: Invalid value: \"..a\": must not start with '..'");
    }

    @Test
    void totalSizeIsAtMostOneMebibyte() {
        String half = "x".repeat(512 * 1024);
        assertThat(create(secret("Opaque").withStringData(Map.of("a", half, "b", half)).build())).isEmpty();
        assertThat(create(secret("Opaque").withStringData(Map.of("a", half, "b", half + "x")).build()))
                .containsExactly("data: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void dockerConfigJsonNeedsItsKeyWithAJsonObject() {
        assertThat(create(secret("kubernetes.io/dockerconfigjson").build()))
                .containsExactly("data[.dockerconfigjson]: Required value");
        assertThat(create(secret("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", "{\"auths\":{}}")).build())).isEmpty();
        assertThat(jsonError("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\":"))
                .isEqualTo("data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": unexpected end of JSON input");
        assertThat(jsonError("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "x"))
                .endsWith(": invalid character 'x' looking for beginning of value");
        assertThat(jsonError("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "[]"))
                .endsWith(": json: cannot unmarshal array into Go value of type map[string]interface {}");
    }

    @Test
    void goJsonSyntaxMessages() {
        String type = "kubernetes.io/dockercfg";
        String key = ".dockercfg";
        assertThat(jsonError(type, key, "{\"a\" 1}")).endsWith(": invalid character '1' after object key");
        assertThat(jsonError(type, key, "{\"a\":1 \"b\":2}"))
                .endsWith(": invalid character '\"' after object key:value pair");
        assertThat(jsonError(type, key, "{a:1}"))
                .endsWith(": invalid character 'a' looking for beginning of object key string");
        assertThat(jsonError(type, key, "{\"a\":[1 2]}")).endsWith(": invalid character '2' after array element");
        assertThat(jsonError(type, key, "{\"a\":tru}")).endsWith(": invalid character '}' in literal true (expecting 'e')");
        assertThat(jsonError(type, key, "{\"a\":01}")).endsWith(": invalid character '1' after object key:value pair");
        assertThat(jsonError(type, key, "{} {}")).endsWith(": invalid character '{' after top-level value");
        assertThat(jsonError(type, key, "\"s\"")).endsWith(
                ": json: cannot unmarshal string into Go value of type map[string]interface {}");
        assertThat(create(secret(type).withStringData(Map.of(key, "null")).build())).isEmpty();
    }

    private String jsonError(String type, String key, String content) {
        List<String> errors = create(secret(type).withStringData(Map.of(key, content)).build());
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void basicAuthNeedsAUsernameOrAPassword() {
        assertThat(create(secret("kubernetes.io/basic-auth").build()))
                .containsExactly("data[username]: Required value", "data[password]: Required value");
        assertThat(create(secret("kubernetes.io/basic-auth").withStringData(Map.of("password", "")).build())).isEmpty();
    }

    @Test
    void sshAuthNeedsANonEmptyPrivateKey() {
        assertThat(create(secret("kubernetes.io/ssh-auth").withStringData(Map.of("ssh-privatekey", "")).build()))
                .containsExactly("data[ssh-privatekey]: Required value");
    }

    @Test
    void tlsNeedsCertificateAndKey() {
        assertThat(create(secret("kubernetes.io/tls").build()))
                .containsExactly("data[tls.crt]: Required value", "data[tls.key]: Required value");
        assertThat(create(secret("kubernetes.io/tls").withStringData(Map.of("tls.crt", "", "tls.key", "")).build()))
                .isEmpty();
    }

    @Test
    void serviceAccountTokensNeedTheServiceAccountName() {
        assertThat(create(secret("kubernetes.io/service-account-token").build()))
                .containsExactly("metadata.annotations[kubernetes.io/service-account.name]: Required value");
        assertThat(create(secret("kubernetes.io/service-account-token").editMetadata()
                .withAnnotations(Map.of("kubernetes.io/service-account.name", "default")).endMetadata().build())).isEmpty();
    }

    @Test
    void otherTypesAreNotChecked() {
        assertThat(create(secret("bootstrap.kubernetes.io/token").build())).isEmpty();
        assertThat(create(secret("example.com/custom").build())).isEmpty();
    }

    @Test
    void typeIsImmutable() {
        Secret old = secret("Opaque").build();
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        Secret secret = secret("kubernetes.io/tls").withStringData(Map.of("tls.crt", "c", "tls.key", "k")).build();

        strategy.applyDefaults(secret);
        strategy.prepareForUpdate(secret, old);

        assertThat(messages(strategy.validateUpdate(secret, old)))
                .containsExactly("type: Invalid value: \"kubernetes.io/tls\": field is immutable");
    }

    @Test
    void anImmutableSecretKeepsItsDataAndTheFlag() {
        Secret old = secret("Opaque").withImmutable(true).withData(Map.of("a", b64("x"))).build();
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);

        Secret changed = secret("Opaque").withImmutable(true).withData(Map.of("a", b64("y"))).build();
        Secret unflagged = secret("Opaque").withImmutable(false).withData(Map.of("a", b64("x"))).build();
        Secret relabelled = secret("Opaque").withImmutable(true).withData(new LinkedHashMap<>(Map.of("a", "eA=="))).build();
        relabelled.getMetadata().setLabels(Map.of("team", "a"));

        assertThat(update(changed, old))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
        assertThat(update(unflagged, old))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
        assertThat(update(relabelled, old)).isEmpty();
    }

    private List<String> update(Secret secret, Secret old) {
        strategy.applyDefaults(secret);
        strategy.prepareForUpdate(secret, old);
        return messages(strategy.validateUpdate(secret, old));
    }
}
