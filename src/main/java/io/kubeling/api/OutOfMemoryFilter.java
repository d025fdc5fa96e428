package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Notices an OutOfMemoryError that a request fails with, whatever it is wrapped in on the way out. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OutOfMemoryFilter extends ApiFilter {

    private final HeapExhaustion heap;

    OutOfMemoryFilter(HeapExhaustion heap) {
        this.heap = heap;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            heap.notice(e);
            throw e;
        }
    }
}
