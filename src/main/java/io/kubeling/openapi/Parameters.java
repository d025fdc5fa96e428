package io.kubeling.openapi;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The path and query parameters of kube's operations, written inline as kube writes them. */
final class Parameters {

    static final List<String> LIST = List.of("allowWatchBookmarks", "continue", "fieldSelector", "labelSelector",
            "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch");
    static final List<String> WRITE = List.of("dryRun", "fieldManager", "fieldValidation");
    static final List<String> PATCH = List.of("dryRun", "fieldManager", "fieldValidation", "force");
    static final List<String> DELETE = List.of("dryRun", "gracePeriodSeconds", "orphanDependents",
            "propagationPolicy");
    static final List<String> DELETE_COLLECTION = List.of("continue", "dryRun", "fieldSelector",
            "gracePeriodSeconds", "labelSelector", "limit", "orphanDependents", "propagationPolicy",
            "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds");

    private record Query(String type, String description) {
    }

    private static final Map<String, Query> QUERY = Map.ofEntries(
            Map.entry("allowWatchBookmarks", new Query("boolean",
                    "Asks a watch for BOOKMARK events, which carry only a resourceVersion.")),
            Map.entry("continue", new Query("string",
                    "The continue token of the previous page of a chunked list.")),
            Map.entry("dryRun", new Query("string",
                    "All: validate and run every stage of the request but persist nothing.")),
            Map.entry("fieldManager", new Query("string",
                    "The name of the actor making the change, recorded in managedFields.")),
            Map.entry("fieldValidation", new Query("string",
                    "What to do with unknown or duplicate fields in the body: Ignore drops them, Warn (the "
                            + "default) drops them with a warning, Strict fails the request.")),
            Map.entry("fieldSelector", new Query("string", "Restricts the objects returned by their fields.")),
            Map.entry("force", new Query("boolean",
                    "Apply requests only: take ownership of fields that other managers own.")),
            Map.entry("gracePeriodSeconds", new Query("integer",
                    "Seconds before the object is deleted; 0 deletes it at once.")),
            Map.entry("labelSelector", new Query("string", "Restricts the objects returned by their labels.")),
            Map.entry("limit", new Query("integer",
                    "The largest number of objects a list returns; the rest follows through continue.")),
            Map.entry("orphanDependents", new Query("boolean",
                    "Deprecated: use propagationPolicy. Whether dependents are orphaned.")),
            Map.entry("pretty", new Query("string", "If 'true', the output is indented.")),
            Map.entry("propagationPolicy", new Query("string",
                    "Whether and how dependents are deleted: Orphan, Background or Foreground.")),
            Map.entry("resourceVersion", new Query("string",
                    "Which version of the data a read may return; see resourceVersionMatch.")),
            Map.entry("resourceVersionMatch", new Query("string",
                    "How resourceVersion applies to a list: Exact or NotOlderThan.")),
            Map.entry("sendInitialEvents", new Query("boolean",
                    "Starts a watch with the current state as synthetic ADDED events.")),
            Map.entry("timeoutSeconds", new Query("integer", "Ends a list or watch call after this long.")),
            Map.entry("watch", new Query("boolean",
                    "Watches for changes to the described objects instead of listing them.")));

    private Parameters() {
    }

    static void addQuery(ArrayNode parameters, List<String> names) {
        for (String name : names) {
            Query query = QUERY.get(name);
            ObjectNode p = parameters.addObject().put("name", name).put("in", "query")
                    .put("description", query.description());
            p.putObject("schema").put("type", query.type()).put("uniqueItems", true);
        }
    }

    /** The parameters of a path: its name and namespace, and pretty, which every operation takes. */
    static ArrayNode forPath(boolean named, boolean namespaced) {
        ArrayNode parameters = JsonNodeFactory.instance.arrayNode();
        if (named) {
            path(parameters, "name", "The name of the object.");
        }
        if (namespaced) {
            path(parameters, "namespace", "The object's namespace, its name and authorization scope.");
        }
        addQuery(parameters, List.of("pretty"));
        return parameters;
    }

    private static void path(ArrayNode parameters, String name, String description) {
        ObjectNode p = parameters.addObject().put("name", name).put("in", "path").put("description", description)
                .put("required", true);
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
    }
}
