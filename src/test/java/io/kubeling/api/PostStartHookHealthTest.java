package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import io.kubeling.registry.PostStartHooks;

/** A post-start hook that has not finished fails the health checks as kube-apiserver's do, and passes once done. */
// alone: the heap check installs the JVM's handler of uncaught exceptions
@Isolated
class PostStartHookHealthTest {

    private final HeapExhaustion heap = new HeapExhaustion();
    private final PostStartHooks hooks = new PostStartHooks();
    private final ServerInfoController health = new ServerInfoController(null, null, heap, () -> true, hooks);

    @AfterEach
    void uninstall() {
        heap.uninstall();
    }

    private ResponseEntity<String> get(String uri) {
        return health.health(new MockHttpServletRequest("GET", uri));
    }

    @Test
    void anUnfinishedHookFailsEveryHealthCheckUntilItHasFinished() {
        CompletableFuture<Void> rbac = hooks.add("rbac/bootstrap-roles");
        for (String path : new String[] {"/healthz", "/livez", "/readyz"}) {
            ResponseEntity<String> failed = get(path);
            assertThat(failed.getStatusCode().value()).isEqualTo(500);
            assertThat(failed.getBody()).isEqualTo("""
                    [+]ping ok
                    [+]log ok
                    [+]etcd ok
                    [+]poststarthook/start-apiextensions-informers ok
                    [-]poststarthook/rbac/bootstrap-roles failed: reason withheld
                    [+]heap ok
                    %s check failed
                    """.formatted(path.substring(1)));
        }

        rbac.complete(null);
        assertThat(get("/readyz").getStatusCode().value()).isEqualTo(200);
        assertThat(get("/readyz").getBody()).isEqualTo("ok");
        MockHttpServletRequest verbose = new MockHttpServletRequest("GET", "/readyz");
        verbose.setParameter("verbose", "");
        assertThat(health.health(verbose).getBody())
                .contains("[+]poststarthook/rbac/bootstrap-roles ok\n").endsWith("readyz check passed\n");
    }

    @Test
    void aFailedHookKeepsFailing() {
        hooks.add("rbac/bootstrap-roles").completeExceptionally(new IllegalStateException("no database"));
        assertThat(get("/readyz").getStatusCode().value()).isEqualTo(500);
        assertThat(get("/readyz").getBody()).contains("[-]poststarthook/rbac/bootstrap-roles failed: reason withheld");
    }
}
