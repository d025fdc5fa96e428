package io.kubeling.registry;

import java.util.List;

/**
 * A subresource served by its own code rather than as the object under another strategy:
 * {@code pods/binding}, {@code pods/eviction}, {@code pods/log}, {@code deployments/scale}.
 * Implementations act through the registry like any controller; the API layer routes to them,
 * decodes request bodies and lists them in discovery.
 */
public interface SubresourceEndpoint {

    /** The resource this subresource hangs off, as group and plural ({@code "" / pods}). */
    GroupResource resource();

    /** The subresource's name in the path ({@code binding}). */
    String subresource();

    /** The group, version and kind it takes and answers, as discovery reports them ({@code policy/v1 Eviction}). */
    KindRef kind();

    /** The verbs discovery lists: {@code create} for POST, {@code get}, {@code update} for PUT, {@code patch}. */
    List<String> verbs();

    /** GET. */
    default SubresourceReply get(SubresourceCall call) {
        throw notAllowed();
    }

    /** POST. */
    default SubresourceReply create(SubresourceCall call) {
        throw notAllowed();
    }

    /** PUT, and PATCH, which the API layer turns into a GET, the patch, and a PUT. */
    default SubresourceReply update(SubresourceCall call) {
        throw notAllowed();
    }

    private static StatusException notAllowed() {
        return Errors.methodNotAllowed();
    }

    /** A group, version and kind. */
    record KindRef(String group, String version, String kind) {

        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }
}
