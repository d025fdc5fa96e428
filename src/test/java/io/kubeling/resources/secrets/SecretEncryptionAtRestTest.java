package io.kubeling.resources.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.HttpApi;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.HttpApi.Reply;

/**
 * Secrets are encrypted in the database files: no secret value appears there in plain text or as the base64
 * the API shows; a restart reads them back with the generated key; a new first key re-encrypts them on start.
 */
@ServerOfItsOwn
class SecretEncryptionAtRestTest {

    private static final String MARKER = "plaintext-marker-7f3a9c";
    private static final String STRING_MARKER = "string-data-marker-51be02";
    private static final String UPDATED_MARKER = "updated-marker-c0ffee42";
    /** Kept in a ConfigMap, which is not encrypted: proves the scan would see a plain value. */
    private static final String CONTROL_MARKER = "control-marker-9d1e77";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--kubeling.data-dir=" + dataDir, "--kubeling.port=0",
                "--kubeling.simulation.enabled=false"));
        args.addAll(List.of(extra));
        return new SpringApplication(KubelingApplication.class).run(args.toArray(String[]::new));
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretsAreEncryptedInTheDatabaseFiles() throws IOException {
        String secrets = "/api/v1/namespaces/default/secrets";
        try (ConfigurableApplicationContext first = start()) {
            HttpApi api = api(first);
            Reply created = api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
                    + "\"data\":{\"v\":\"" + b64(MARKER) + "\"},\"stringData\":{\"w\":\"" + STRING_MARKER + "\"}}");
            assertThat(created.code()).isEqualTo(201);
            assertThat(api.patch(secrets + "/s", "application/merge-patch+json",
                    "{\"data\":{\"u\":\"" + b64(UPDATED_MARKER) + "\"}}").code()).isEqualTo(200);
            assertThat(api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"gone\"},"
                    + "\"data\":{\"v\":\"" + b64(MARKER) + "\"}}").code()).isEqualTo(201);
            assertThat(api.delete(secrets + "/gone").code()).isEqualTo(200);
            assertThat(api.post("/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"control\"},\"data\":{\"v\":\"" + CONTROL_MARKER + "\"}}").code()).isEqualTo(201);
            byte[] stored = first.getBean(KeyValueStore.class).get("/registry/secrets/default/s").orElseThrow().value();
            assertThat(new String(stored, 0, 23, StandardCharsets.US_ASCII)).isEqualTo("k8s:enc:aesgcm:v1:key1:");
        }

        Path keyFile = dataDir.resolve("encryption-keys");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<Path> files = databaseFiles();
        assertThat(files).isNotEmpty();
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            all.append(content);
            for (String marker : List.of(MARKER, STRING_MARKER, UPDATED_MARKER)) {
                assertThat(content).as(file + " holds " + marker).doesNotContain(marker).doesNotContain(b64(marker));
            }
        }
        assertThat(all.toString()).contains(CONTROL_MARKER);

        // The generated key is kept: a restart reads the secret back.
        try (ConfigurableApplicationContext second = start()) {
            Reply read = api(second).get(secrets + "/s");
            assertThat(read.code()).isEqualTo(200);
            assertThat(read.json().at("/data/v").asString()).isEqualTo(b64(MARKER));
            assertThat(read.json().at("/data/w").asString()).isEqualTo(b64(STRING_MARKER));
        }

        // Rotation: a new first key, the old one second; the start re-encrypts with the new one.
        String oldLine = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("key1:")).findFirst().orElseThrow();
        String newSecret = Base64.getEncoder().encodeToString(new byte[32]);
        try (ConfigurableApplicationContext third = start("--kubeling.encryption.keys[0].name=key2",
                "--kubeling.encryption.keys[0].secret=" + newSecret, "--kubeling.encryption.keys[1].name=key1",
                "--kubeling.encryption.keys[1].secret=" + oldLine.substring("key1:".length()))) {
            byte[] stored = third.getBean(KeyValueStore.class).get("/registry/secrets/default/s").orElseThrow().value();
            assertThat(new String(stored, 0, 23, StandardCharsets.US_ASCII)).isEqualTo("k8s:enc:aesgcm:v1:key2:");
            assertThat(api(third).get(secrets + "/s").json().at("/data/u").asString()).isEqualTo(b64(UPDATED_MARKER));
        }
    }

    private List<Path> databaseFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".db")).toList();
        }
    }
}
