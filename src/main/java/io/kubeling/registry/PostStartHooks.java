package io.kubeling.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

/**
 * kube-apiserver's post-start hooks as its health checks see them: work the server does once it runs (the bootstrap
 * policy, say), each check {@code poststarthook/<name>} failing {@code /healthz}, {@code /livez} and
 * {@code /readyz} until its hook has finished, in the order the hooks were added.
 */
@Component
public class PostStartHooks {

    private final Map<String, CompletableFuture<Void>> hooks = new LinkedHashMap<>();

    /** A hook to complete when its work is done (or complete exceptionally when it failed). */
    public synchronized CompletableFuture<Void> add(String name) {
        return hooks.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    /** Each hook's check name and whether it has finished, in the order they were added. */
    public synchronized Map<String, Boolean> finished() {
        Map<String, Boolean> finished = new LinkedHashMap<>();
        hooks.forEach((name, hook) -> finished.put("poststarthook/" + name,
                hook.isDone() && !hook.isCompletedExceptionally()));
        return finished;
    }
}
