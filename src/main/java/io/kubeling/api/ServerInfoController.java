package io.kubeling.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.PostStartHooks;
import io.kubeling.registry.Registry;
import io.swagger.v3.oas.annotations.Hidden;

/** /version and the health endpoints, as kube-apiserver answers them. */
@RestController
@Hidden
class ServerInfoController {

    private static final String[] CHECKS = {"ping", "log", "etcd", "poststarthook/start-apiextensions-informers"};
    /** Kubeling's own check, after kube's. */
    private static final String HEAP = "heap";

    private final KubelingProperties properties;
    private final Codecs codecs;
    private final HeapExhaustion heap;
    private final BooleanSupplier storageReachable;
    private final PostStartHooks hooks;

    @Autowired
    ServerInfoController(KubelingProperties properties, Codecs codecs, HeapExhaustion heap, Registry registry,
            PostStartHooks hooks) {
        this(properties, codecs, heap, registry::storageReachable, hooks);
    }

    ServerInfoController(KubelingProperties properties, Codecs codecs, HeapExhaustion heap,
            BooleanSupplier storageReachable, PostStartHooks hooks) {
        this.properties = properties;
        this.codecs = codecs;
        this.heap = heap;
        this.storageReachable = storageReachable;
        this.hooks = hooks;
    }

    @GetMapping({"/version", "/version/"})
    ResponseEntity<byte[]> version(HttpServletRequest request) {
        String git = properties.kubernetesVersion();
        String[] parts = git.replaceFirst("^v", "").split("\\.");
        Map<String, String> info = new LinkedHashMap<>();
        info.put("major", parts[0]);
        info.put("minor", parts.length > 1 ? parts[1] : "0");
        info.put("emulationMajor", parts[0]);
        info.put("emulationMinor", parts.length > 1 ? parts[1] : "0");
        info.put("gitVersion", git.startsWith("v") ? git : "v" + git);
        info.put("gitCommit", "0000000000000000000000000000000000000000");
        info.put("gitTreeState", "clean");
        info.put("buildDate", "2026-01-01T00:00:00Z");
        info.put("goVersion", "go1.23.6");
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(codecs.write(info, WireFormat.JSON, true));
    }

    /**
     * The health endpoints, as kube-apiserver writes them: every check listed when asked to be verbose or
     * when one fails, failures with a 500 and their reason withheld. The heap check fails for good once
     * the heap has run out; the etcd check while the store's database cannot be reached; a post-start hook's
     * check until the hook has finished (kube's {@code poststarthook/rbac/bootstrap-roles}).
     */
    @GetMapping({"/healthz", "/livez", "/readyz"})
    ResponseEntity<String> health(HttpServletRequest request) {
        String name = request.getRequestURI().substring(1);
        Map<String, Boolean> checks = new LinkedHashMap<>();
        boolean etcd = storageReachable.getAsBoolean();
        for (String check : CHECKS) {
            checks.put(check, !check.equals("etcd") || etcd);
        }
        checks.putAll(hooks.finished());
        checks.put(HEAP, !heap.exhausted());
        boolean failed = checks.containsValue(false);
        String body;
        if (failed || request.getParameter("verbose") != null) {
            StringBuilder s = new StringBuilder();
            checks.forEach((check, ok) -> s.append(ok ? "[+]" : "[-]").append(check)
                    .append(ok ? " ok\n" : " failed: reason withheld\n"));
            s.append(name).append(failed ? " check failed\n" : " check passed\n");
            body = s.toString();
        } else {
            body = "ok";
        }
        return ResponseEntity.status(failed ? 500 : 200)
                .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff").body(body);
    }
}
