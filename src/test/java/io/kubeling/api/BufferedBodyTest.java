package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.kubeling.registry.StatusException;

class BufferedBodyTest {

    /** A clock that moves one second each time it is read. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theBodyIsReadOnceAndServedFromMemory() throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/namespaces");
        request.setContent("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8));
        HttpServletRequest read = new BufferedBody(1024, Duration.ofSeconds(60), new Ticking()).read(request);
        assertThat(new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"kind\":\"Namespace\"}");
        assertThat(new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"kind\":\"Namespace\"}");
        assertThat(read.getContentLengthLong()).isEqualTo(20);
    }

    @Test
    void aBodyTricklingInPastTheTimeoutGetsKubesTimeout() {
        // a byte per read, each read a second apart on the ticking clock: the deadline passes at the 10th
        MockHttpServletRequest request = trickling(1_000);
        assertThatThrownBy(() -> new BufferedBody(1 << 20, Duration.ofSeconds(10), new Ticking()).read(request))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(504);
                    assertThat(e.status().getReason()).isEqualTo("Timeout");
                    assertThat(e.status().getMessage()).isEqualTo(
                            "Timeout: request did not complete within requested timeout - context deadline exceeded");
                });
        assertThat(read).isLessThan(20);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhileItArrives() {
        MockHttpServletRequest request = trickling(5_000);
        assertThatThrownBy(() -> new BufferedBody(100, Duration.ofSeconds(60), Clock.systemUTC()).read(request))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(413));
    }

    @Test
    void aBodyOfDeclaredLengthArrivingInPiecesIsReadWhole() throws IOException {
        MockHttpServletRequest request = trickling(300, 300);
        HttpServletRequest read = new BufferedBody(1024, Duration.ofSeconds(60), Clock.systemUTC()).read(request);
        assertThat(read.getInputStream().readAllBytes()).hasSize(300).containsOnly((byte) 'x');
        assertThat(this.read).as("reads past the declared length").isEqualTo(301);
    }

    @Test
    void aBodyOfDeclaredLengthTricklingInPastTheTimeoutGetsKubesTimeout() {
        MockHttpServletRequest request = trickling(1_000, 1_000);
        assertThatThrownBy(() -> new BufferedBody(1 << 20, Duration.ofSeconds(10), new Ticking()).read(request))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(504));
        assertThat(read).isLessThan(20);
    }

    private int read;

    /** A request whose body arrives one byte per read, {@code length} bytes in all, with no Content-Length. */
    private MockHttpServletRequest trickling(int length) {
        return trickling(length, -1);
    }

    /** The same with a Content-Length of {@code declared}, unless negative. */
    private MockHttpServletRequest trickling(int length, long declared) {
        return new MockHttpServletRequest("POST", "/api/v1/namespaces") {
            @Override
            public long getContentLengthLong() {
                return declared;
            }

            @Override
            public ServletInputStream getInputStream() {
                InputStream bytes = new InputStream() {
                    @Override
                    public int read() {
                        return BufferedBodyTest.this.read++ < length ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        int c = read();
                        if (c == -1) {
                            return -1;
                        }
                        b[off] = (byte) c;
                        return 1;
                    }
                };
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return bytes.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return bytes.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return false;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                    }
                };
            }
        };
    }
}
