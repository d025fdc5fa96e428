package io.kubeling.openapi;

import java.util.List;

import io.kubeling.openapi.ModelSchemas.Gvk;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list, read and create operations of one kind, named as kube names them ({@code listCoreV1NamespacedPod},
 * {@code readCoreV1NamespacedPod}, {@code listCoreV1PodForAllNamespaces}): shared by stored resources and by those
 * computed on request or only created.
 */
final class KindOperations {

    final String tag;
    final String gv;
    final String scope;
    final String kind;
    final Gvk gvk;

    KindOperations(String group, String version, String kind, boolean namespaced) {
        this.tag = OperationNames.tag(group, version);
        this.gv = OperationNames.groupVersion(group, version);
        this.scope = namespaced ? "Namespaced" : "";
        this.kind = kind;
        this.gvk = new Gvk(group, version, kind);
    }

    /** The list of the collection; {@code what} says what it does ("list or watch" where watch is served). */
    ObjectNode list(String what, String list) {
        return Operations.operation(tag, what + " objects of kind " + kind, "list" + gv + scope + kind, "list", gvk,
                Parameters.LIST, list);
    }

    /** The list across every namespace, of a namespaced kind. */
    ObjectNode listAll(String what, String list) {
        return Operations.operation(tag, what + " objects of kind " + kind, "list" + gv + kind + "ForAllNamespaces",
                "list", gvk, Parameters.LIST, list);
    }

    ObjectNode read(String object) {
        return Operations.operation(tag, "read the specified " + kind, "read" + gv + scope + kind, "get", gvk,
                List.of(), object);
    }

    ObjectNode create(String object) {
        ObjectNode create = Operations.operation(tag, "create a " + kind, "create" + gv + scope + kind, "post", gvk,
                Parameters.WRITE, object);
        Operations.body(create, List.of("*/*"), object, true);
        return create;
    }
}
