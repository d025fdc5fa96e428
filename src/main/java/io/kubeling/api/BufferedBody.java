package io.kubeling.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Errors;

/**
 * Reads a write's body in full before the write queues for a seat, so a client whose body is slow
 * to arrive holds only its own request. The whole body must arrive within the read timeout, as
 * kube-apiserver's request timeout bounds the handler that reads it; each read of the socket is
 * bounded by the connector's idle timeout, so a trickle is cut off at the latest one read
 * after the deadline.
 */
@Component
class BufferedBody {

    private static final int CHUNK = 8192;

    private final int maxBytes;
    private final Duration readTimeout;
    private final Clock clock;

    @Autowired
    BufferedBody(KubelingProperties properties) {
        this(properties.api().maxRequestBytes(), properties.api().bodyReadTimeout(), Clock.systemUTC());
    }

    BufferedBody(int maxBytes, Duration readTimeout, Clock clock) {
        this.maxBytes = maxBytes;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** The request with its body read into memory, or a Status error if it is too large or too slow. */
    HttpServletRequest read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        Instant deadline = clock.instant().plus(readTimeout);
        try (InputStream in = request.getInputStream()) {
            // a declared length is read straight into a body of that size
            byte[] sized = new byte[(int) Math.max(0, declared)];
            int filled = 0;
            int n = 0;
            while (filled < sized.length && (n = in.read(sized, filled, sized.length - filled)) != -1) {
                filled += n;
                if (clock.instant().isAfter(deadline)) {
                    throw timedOut();
                }
            }
            if (n == -1 || (n = in.read()) == -1) {
                return new Buffered(request, filled == sized.length ? sized : Arrays.copyOf(sized, filled));
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(sized, 0, filled);
            body.write(n);
            byte[] chunk = new byte[CHUNK];
            while ((n = in.read(chunk)) != -1) {
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    throw tooLarge();
                }
                if (clock.instant().isAfter(deadline)) {
                    throw timedOut();
                }
            }
            return new Buffered(request, body.toByteArray());
        } catch (IOException e) {
            if (clock.instant().isAfter(deadline) || timeout(e) || timeout(e.getCause())) {
                throw timedOut();
            }
            throw Errors.badRequest("unable to read the request body: " + e.getMessage());
        }
    }

    /** A read that waited too long, as the container reports it. */
    private static boolean timeout(Throwable e) {
        return e instanceof java.net.SocketTimeoutException || e instanceof java.util.concurrent.TimeoutException;
    }

    private RuntimeException tooLarge() {
        return Errors.tooLarge("Request entity too large: limit is " + maxBytes);
    }

    /** kube's answer when a request outlives its timeout. */
    private static RuntimeException timedOut() {
        return Errors.error(504, "Timeout",
                "Timeout: request did not complete within requested timeout - context deadline exceeded",
                new StatusDetails());
    }

    /** The body already read into memory for {@code request}, or null if it was not. */
    static byte[] bufferedBody(jakarta.servlet.ServletRequest request) {
        for (jakarta.servlet.ServletRequest r = request; r != null;
                r = r instanceof jakarta.servlet.ServletRequestWrapper w ? w.getRequest() : null) {
            if (r instanceof Buffered buffered) {
                return buffered.body;
            }
        }
        return null;
    }

    /** A request whose body is served from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
            try {
                String encoding = getCharacterEncoding();
                if (encoding != null && java.nio.charset.Charset.isSupported(encoding)) {
                    charset = java.nio.charset.Charset.forName(encoding);
                }
            } catch (java.nio.charset.IllegalCharsetNameException e) {
                // an unknown charset reads as UTF-8, as kube reads every body
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }
    }
}
