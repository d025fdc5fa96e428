package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

import io.kubeling.api.connector.SecurePort;
import io.kubeling.config.KubelingProperties;
import io.kubeling.support.KubelingTest;

@KubelingTest
class KubeconfigWriterTest {

    @LocalServerPort
    int port;

    @Test
    void theServerWritesAKubeconfigForItselfUnderTheDataDirectory() throws Exception {
        String written = Files.readString(Path.of("target/test-data/kubeconfig"));
        assertThat(written).contains("server: http://127.0.0.1:" + port + "\n")
                .contains("insecure-skip-tls-verify: true\n")
                .contains("current-context: kubeling\n").contains("- name: kubeling\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-data/kubeconfig"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theUsersOwnKubeconfigIsNeverWritten() throws Exception {
        Path own = Path.of(System.getProperty("user.home"), ".kube", "config");
        boolean existed = Files.exists(own);
        byte[] before = existed ? Files.readAllBytes(own) : null;
        KubelingProperties properties = new KubelingProperties(Path.of("target/test-data"), "127.0.0.1", 0, false,
                null, null, null, null, "v1.32.4", null, own, null);
        WebServer server = Mockito.mock(WebServer.class);
        Mockito.when(server.getPort()).thenReturn(12345);
        WebServerInitializedEvent event = Mockito.mock(WebServerInitializedEvent.class);
        Mockito.when(event.getWebServer()).thenReturn(server);

        new KubeconfigWriter(properties, Mockito.mock(SecurePort.class), null).onApplicationEvent(event);

        assertThat(Files.exists(own)).isEqualTo(existed);
        if (existed) {
            assertThat(Files.readAllBytes(own)).isEqualTo(before);
        }
    }
}
