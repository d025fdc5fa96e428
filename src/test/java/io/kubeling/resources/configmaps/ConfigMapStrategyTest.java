package io.kubeling.resources.configmaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.validation.FieldError;

class ConfigMapStrategyTest {

    private static final String CONFIG_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' "
            + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
            + "'[-._a-zA-Z0-9]+')";

    private final ConfigMapStrategy strategy = new ConfigMapStrategy();

    private static ConfigMapBuilder configMap() {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("default").endMetadata();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private List<String> create(ConfigMap configMap) {
        strategy.prepareForCreate(configMap);
        return messages(strategy.validate(configMap));
    }

    private List<String> update(ConfigMap configMap, ConfigMap old) {
        strategy.prepareForUpdate(configMap, old);
        return messages(strategy.validateUpdate(configMap, old));
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void keysAreConfigKeysInBothMaps() {
        ConfigMap cm = configMap().withData(Map.of("a b", "x")).withBinaryData(Map.of("c d", b64(new byte[] {1})))
                .build();
        assertThat(create(cm)).containsExactly(
                "data[a b]: Invalid value: \"a b\": " + CONFIG_KEY,
                "binaryData[c d]: Invalid value: \"c d\": " + CONFIG_KEY);
    }

    @Test
    void aKeyMayNotBeInBothMaps() {
        ConfigMap cm = configMap().withData(Map.of("a", "x")).withBinaryData(Map.of("a", b64(new byte[] {1}))).build();
        assertThat(create(cm)).containsExactly("data[a]: Invalid value: \"a\": duplicate of key present in binaryData");
    }

    @Test
    void totalSizeCountsBothMapsAndIsAtMostOneMebibyte() {
        String half = "x".repeat(512 * 1024);
        assertThat(create(configMap().withData(Map.of("a", half))
                .withBinaryData(Map.of("b", b64(new byte[512 * 1024]))).build())).isEmpty();
        assertThat(create(configMap().withData(Map.of("a", half + "x"))
                .withBinaryData(Map.of("b", b64(new byte[512 * 1024]))).build()))
                .containsExactly("[]: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void binaryDataThatIsNotBase64IsABadRequest() {
        assertThatThrownBy(() -> strategy.prepareForCreate(configMap().withBinaryData(Map.of("a", "AB*=")).build()))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("ConfigMap in version \"v1\" cannot be handled as a "
                            + "ConfigMap: illegal base64 data at input byte 2");
                });
    }

    @Test
    void anImmutableConfigMapKeepsItsDataAndTheFlag() {
        ConfigMap old = configMap().withImmutable(true).withData(Map.of("a", "x"))
                .withBinaryData(Map.of("b", b64(new byte[] {1}))).build();
        strategy.prepareForCreate(old);

        assertThat(update(configMap().withImmutable(true).withData(Map.of("a", "y"))
                .withBinaryData(Map.of("b", b64(new byte[] {1}))).build(), old))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
        assertThat(update(configMap().withImmutable(true).withData(Map.of("a", "x"))
                .withBinaryData(Map.of("b", b64(new byte[] {2}))).build(), old))
                .containsExactly("binaryData: Forbidden: field is immutable when `immutable` is set");
        assertThat(update(configMap().withData(Map.of("a", "x"))
                .withBinaryData(Map.of("b", b64(new byte[] {1}))).build(), old))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
        assertThat(update(configMap().withImmutable(true).withData(Map.of("a", "x"))
                .withBinaryData(Map.of("b", "AQ=\n=")).build(), old)).isEmpty();
    }

    @Test
    void aMutableConfigMapMayChange() {
        ConfigMap old = configMap().withData(Map.of("a", "x")).build();
        assertThat(update(configMap().withImmutable(true).withData(Map.of("a", "y")).build(), old)).isEmpty();
    }
}
