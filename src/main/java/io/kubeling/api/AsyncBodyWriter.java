package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes large response bodies with non-blocking output, as the socket takes them, so a client
 * that asks for a big list and reads it slowly or not at all holds no request thread: forty such
 * clients would otherwise hold all forty, and health checks with them. Every write is made by the
 * container in {@link WriteListener#onWritePossible()}; a client that takes nothing for the
 * connector's idle timeout is cut off by Jetty, and a body still unsent after the async
 * timeout is abandoned.
 */
@Component
class AsyncBodyWriter {

    /** Bodies up to this size fit the socket's buffers and are written at once. */
    static final int THRESHOLD = 64 * 1024;

    private static final int CHUNK = 1024 * 1024;
    private static final long TIMEOUT_MILLIS = 60_000;

    static boolean large(ResponseEntity<byte[]> entity) {
        return entity.getBody() != null && entity.getBody().length > THRESHOLD;
    }

    void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<byte[]> entity)
            throws IOException {
        byte[] body = entity.getBody();
        ResponseWriter.head(response, entity);
        response.setContentLength(body.length);
        AsyncContext async = request.startAsync();
        async.setTimeout(TIMEOUT_MILLIS);
        ServletOutputStream out = response.getOutputStream();
        Sender sender = new Sender(async, out, body);
        async.addListener(sender);
        out.setWriteListener(sender);
    }

    private static final class Sender implements WriteListener, AsyncListener {

        private final AsyncContext async;
        private final ServletOutputStream out;
        private final byte[] body;
        private int sent;
        private boolean done;

        Sender(AsyncContext async, ServletOutputStream out, byte[] body) {
            this.async = async;
            this.out = out;
            this.body = body;
        }

        @Override
        public synchronized void onWritePossible() throws IOException {
            while (!done && out.isReady()) {
                if (sent == body.length) {
                    finish();
                    return;
                }
                int n = Math.min(CHUNK, body.length - sent);
                out.write(body, sent, n);
                sent += n;
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                async.complete();
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            finish();
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) {
            finish();
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            finish();
        }

        @Override
        public synchronized void onComplete(AsyncEvent event) {
            done = true;
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
