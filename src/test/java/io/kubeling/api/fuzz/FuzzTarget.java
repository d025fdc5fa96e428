package io.kubeling.api.fuzz;

import java.util.List;
import java.util.function.BiFunction;

import tools.jackson.databind.node.ObjectNode;

/**
 * A resource the fuzzer writes to: where it lives, a valid object to mutate, and its subresources.
 *
 * @param collection  the collection path with {@code {ns}} for the namespace
 * @param sample      a valid object, given its name and namespace
 * @param dryRun      whether every write is made with {@code dryRun=All}: kinds whose accepted mutations would
 *                    start work without end (replicas in the billions) or disturb the shared cluster (nodes)
 * @param victim      whether one stored object of the kind stands as the target of updates and subresources
 * @param volatileStatus whether a controller may write the stored object's status at any time
 * @param subresources subresource writes: name, method and a valid body for the stored object
 */
record FuzzTarget(String resource, String collection, BiFunction<String, String, ObjectNode> sample, boolean dryRun,
        boolean victim, boolean volatileStatus, List<Subresource> subresources) {

    boolean namespaced() {
        return collection.contains("{ns}");
    }

    String collection(String namespace) {
        return collection.replace("{ns}", namespace);
    }

    /** A subresource write; {@code body} makes a valid body for the object of that name and namespace. */
    record Subresource(String name, String method, BiFunction<String, String, ObjectNode> body) {
    }
}
