package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads and drops up to 256 KiB of a request body that the answer left unread (a write refused
 * before its body was looked at), as Go's server does after a handler returns, so that the
 * connection stays open for the client's next request: Jetty closes a connection whose request body
 * has not all arrived by the time the answer is complete. The answer, not yet sent, waits for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadBodyFilter extends ApiFilter {

    /** Go's maxPostHandlerReadBytes. */
    static final int MAX_DRAINED = 256 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (request.isAsyncStarted() || response.isCommitted() || length == 0 || length > MAX_DRAINED
                || length < 0 && !chunked) {
            return;
        }
        ServletInputStream in;
        try {
            in = request.getInputStream();
        } catch (IllegalStateException e) {
            // read through its reader: read to its end or abandoned, it is not ours to drain
            return;
        }
        byte[] skip = new byte[8192];
        long drained = 0;
        try {
            for (int n; !in.isFinished() && drained <= MAX_DRAINED && (n = in.read(skip)) >= 0; drained += n) {
                // dropped
            }
        } catch (IOException e) {
            // the client is slow or gone: the connection closes after the answer
        }
    }
}
