package io.kubeling.registry;

import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records the writes made outside any client request, the simulated components' own, as kube's audit log records
 * each request its components send: a client's request is audited where it comes in, so a write made while one is
 * served ({@link CurrentUser}) is not recorded again, nor one made while another recorded write runs (a
 * collection's deletes, a create an update makes).
 */
public interface WriteAudit {

    /** Records nothing: audit off. */
    WriteAudit NONE = request -> null;

    /** The record of one write, or null when nothing of it is recorded. */
    Entry begin(Request request);

    /** What the component's request would have asked: its user, verb and the object's place. */
    record Request(UserInfo user, String verb, String group, String version, String resource, String subresource,
            String namespace, String name) {

        public Request {
            subresource = subresource == null ? "" : subresource;
            namespace = namespace == null ? "" : namespace;
            name = name == null ? "" : name;
        }

        /** A create of the object itself, whose name is in its body, not its path. */
        public boolean creates() {
            return verb.equals("create") && subresource.isEmpty();
        }

        /** The request's path, as the component's client would have sent it. */
        public String path() {
            StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version
                    : "/apis/" + group + "/" + version);
            if (!namespace.isEmpty()) {
                path.append("/namespaces/").append(namespace);
            }
            path.append('/').append(resource);
            if (!name.isEmpty() && !creates()) {
                path.append('/').append(name);
            }
            if (!subresource.isEmpty()) {
                path.append('/').append(subresource);
            }
            return path.toString();
        }
    }

    /** One recorded write: annotated on its way, then ended by its outcome. */
    interface Entry {

        void annotate(String key, String value);

        /** The write succeeded with {@code code}, leaving {@code object} (null when there is none to show). */
        void succeeded(int code, HasMetadata object);

        void failed(StatusException refused);
    }

    /** The write this thread is recording, to annotate (the authorizer's decision), if any. */
    static void annotate(String key, String value) {
        Entry current = Recording.CURRENT.get();
        if (current != null) {
            current.annotate(key, value);
        }
    }

    /**
     * Runs {@code write} as one recorded request of {@code user} when it is a component's (a user named, no client
     * request served, no recorded write already running on this thread); {@code object} names what it left and
     * {@code code} its status.
     */
    static <R> R record(WriteAudit audit, Supplier<Request> request, Supplier<R> write,
            java.util.function.Function<R, HasMetadata> object, java.util.function.ToIntFunction<R> code) {
        if (audit == NONE || Recording.CURRENT.get() != null || CurrentUser.get().isPresent()) {
            return write.get();
        }
        Request asked = request.get();
        Entry entry = asked.user() == null ? null : audit.begin(asked);
        if (entry == null) {
            return write.get();
        }
        Recording.CURRENT.set(entry);
        R result;
        try {
            result = write.get();
        } catch (StatusException e) {
            entry.failed(e);
            throw e;
        } finally {
            Recording.CURRENT.remove();
        }
        entry.succeeded(code.applyAsInt(result), object.apply(result));
        return result;
    }

    /** The entry of the recorded write running on each thread. */
    final class Recording {
        private static final ThreadLocal<Entry> CURRENT = new ThreadLocal<>();

        private Recording() {
        }
    }
}
