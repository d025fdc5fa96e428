package io.kubeling.registry;

import java.util.List;
import java.util.Map;

/**
 * A resource computed on request rather than stored, served read-only as an aggregated API server
 * serves its own (metrics-server's {@code metrics.k8s.io}): get and list only, never in the
 * revision log; or one that only answers a create and stores nothing, as kube's access reviews, whose
 * {@link #verbs()} are {@code create} alone. Implementations read through the registry like any controller; the
 * API layer routes to them, wraps lists, prints tables and lists them in discovery with the verbs they serve.
 */
public interface ReadOnlyResource {

    String group();

    String version();

    /** The resource's name in the path ({@code pods}). */
    String plural();

    /** The singular name discovery lists; empty leaves clients to guess it from the kind. */
    String singular();

    String kind();

    boolean namespaced();

    /** The object, or a StatusException (404) when there is none. */
    Map<String, Object> get(String namespace, String name);

    /** What matches, in one namespace or, with none, in all. */
    List<Map<String, Object>> list(String namespace, ListOptions options);

    /** The columns of server-side printing. */
    List<TableColumn> columns();

    /** One object's cells, in the order of {@link #columns()}. */
    List<Object> cells(Map<String, Object> object);

    /**
     * The answer to a create of {@code object} (decoded JSON) by {@code user}, for a resource whose verbs are
     * {@code create}: the object with what the server filled in, stored nowhere.
     */
    default Map<String, Object> create(String namespace, Map<String, Object> object, UserInfo user) {
        throw Errors.methodNotAllowed();
    }

    /** The same, under the request's options (a dry run writes nothing), for a create that writes elsewhere. */
    default Map<String, Object> create(String namespace, Map<String, Object> object, UserInfo user,
            WriteOptions options) {
        return create(namespace, object, user);
    }

    default List<String> verbs() {
        return List.of("get", "list");
    }

    /** Whether an aggregated API server serves it in kube (metrics-server's metrics.k8s.io), not kube-apiserver. */
    default boolean aggregated() {
        return false;
    }

    default String apiVersion() {
        return group().isEmpty() ? version() : group() + "/" + version();
    }

    default String listKind() {
        return kind() + "List";
    }

    default GroupResource groupResource() {
        return new GroupResource(group(), plural());
    }
}
