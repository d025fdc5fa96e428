package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Once the heap has run out, the health endpoints fail for good, so that a supervisor restarts the server. */
// alone: the JVM's handler of uncaught exceptions it installs would see other classes' threads
@Isolated
class HeapExhaustionTest {

    private Thread.UncaughtExceptionHandler servers;
    private HeapExhaustion heap;
    private ServerInfoController health;

    /**
     * The shared servers' handlers are set aside while this class runs, so that the errors its threads die of
     * reach this class's handler alone and leave those servers' health as it was.
     */
    @BeforeEach
    void install() {
        servers = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(null);
        heap = new HeapExhaustion();
        health = new ServerInfoController(null, null, heap, () -> true, new io.kubeling.registry.PostStartHooks());
    }

    @AfterEach
    void uninstall() {
        heap.uninstall();
        Thread.setDefaultUncaughtExceptionHandler(servers);
    }

    private ResponseEntity<String> get(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        return health.health(request);
    }

    @Test
    void healthPassesUntilTheHeapRunsOutAndFailsForGoodAfter() {
        assertThat(get("/livez").getStatusCode().value()).isEqualTo(200);
        assertThat(get("/livez").getBody()).isEqualTo("ok");

        assertThat(heap.notice(new IllegalStateException("database closed",
                new IllegalStateException("panic", new OutOfMemoryError("Java heap space"))))).isTrue();

        for (String path : new String[] {"/healthz", "/livez", "/readyz"}) {
            ResponseEntity<String> failed = get(path);
            assertThat(failed.getStatusCode().value()).isEqualTo(500);
            assertThat(failed.getBody()).startsWith("[+]ping ok\n")
                    .contains("[-]heap failed: reason withheld\n").endsWith(path.substring(1) + " check failed\n");
            assertThat(failed.getHeaders().getFirst("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void otherFailuresLeaveHealthAlone() {
        assertThat(heap.notice(new IllegalStateException("conflict", new RuntimeException()))).isFalse();
        assertThat(heap.exhausted()).isFalse();
        assertThat(get("/readyz").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aThreadThatDiesOfOutOfMemoryIsNoticed() throws Exception {
        Thread worker = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        worker.start();
        worker.join();
        assertThat(heap.exhausted()).isTrue();
        assertThat(get("/readyz").getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void aRequestThatFailsWithOutOfMemoryIsNoticed() {
        HttpServlet failing = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
                throw new ServletException("Handler dispatch failed", new OutOfMemoryError("Java heap space"));
            }
        };
        OutOfMemoryFilter filter = new OutOfMemoryFilter(heap);
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/namespaces/ns/configmaps/big");
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(failing)))
                .isInstanceOf(ServletException.class);
        assertThat(heap.exhausted()).isTrue();
        assertThat(get("/livez").getStatusCode().value()).isEqualTo(500);
    }
}
