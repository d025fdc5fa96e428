package io.kubeling.registry;

import java.util.List;
import java.util.function.Supplier;

/**
 * The warnings a request gathers on its way through the registry (admission webhooks' warnings), as
 * kube's warning recorder carried in the request's context: the API opens a scope around the request,
 * writes elsewhere (controllers) record into none.
 */
public final class RequestWarnings {

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private RequestWarnings() {
    }

    /** Runs {@code work} with {@code sink} receiving the warnings recorded meanwhile on this thread. */
    public static <R> R collect(List<String> sink, Supplier<R> work) {
        List<String> outer = CURRENT.get();
        CURRENT.set(sink);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static void add(String warning) {
        List<String> sink = CURRENT.get();
        if (sink != null) {
            synchronized (sink) {
                sink.add(warning);
            }
        }
    }
}
