package io.kubeling.cel;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * kube's authorizer library for admission expressions (library/authz.go): {@code authorizer} and
 * {@code authorizer.requestResource}, with kube's types and functions. Kubeling authorizes every request, so every
 * check's Decision is allowed, as its API behaves.
 */
public final class Authz {

    static final OpaqueType AUTHORIZER = OpaqueType.create("kubernetes.authorization.Authorizer");
    static final OpaqueType PATH_CHECK = OpaqueType.create("kubernetes.authorization.PathCheck");
    static final OpaqueType GROUP_CHECK = OpaqueType.create("kubernetes.authorization.GroupCheck");
    static final OpaqueType RESOURCE_CHECK = OpaqueType.create("kubernetes.authorization.ResourceCheck");
    static final OpaqueType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

    private static final CelType STRING = SimpleType.STRING;
    private static final CelType BOOL = SimpleType.BOOL;

    /** The variables kube declares when it compiles with an authorizer. */
    public static final List<CelVariable> VARIABLES = List.of(new CelVariable("authorizer", AUTHORIZER),
            new CelVariable("authorizer.requestResource", RESOURCE_CHECK));

    private Authz() {
    }

    record Authorizer(String serviceAccount) {
    }

    record PathCheck(Authorizer authorizer, String path) {
    }

    record GroupCheck(Authorizer authorizer, String group) {
    }

    record ResourceCheck(Authorizer authorizer, String group, String resource, String subresource, String namespace,
            String name) {

        ResourceCheck with(String subresource, String namespace, String name) {
            return new ResourceCheck(authorizer, group, resource, subresource, namespace, name);
        }
    }

    /** Every request is authorized: the decision kube's DecisionAllow gives, with no reason and no error. */
    record Decision(boolean allowed, String reason, String error) {

        static final Decision ALLOW = new Decision(true, "", "");
    }

    /**
     * The values of {@link #VARIABLES} for a request, given as the typed {@code request} variable's JSON:
     * {@code authorizer.requestResource} is the request's group, resource, subresource, namespace and name.
     */
    public static Map<String, Object> bindings(JsonNode request) {
        Authorizer authorizer = new Authorizer("");
        JsonNode gvr = request.path("resource");
        ResourceCheck requested = new ResourceCheck(authorizer, gvr.path("group").asString(""),
                gvr.path("resource").asString(""), request.path("subResource").asString(""),
                request.path("namespace").asString(""), request.path("name").asString(""));
        return Map.of("authorizer", authorizer, "authorizer.requestResource", requested);
    }

    static void install(CelBuilder b) {
        b.addFunctionDeclarations(
                fn("path", CelOverloadDecl.newMemberOverload("authorizer_path", PATH_CHECK, AUTHORIZER, STRING)),
                fn("group", CelOverloadDecl.newMemberOverload("authorizer_group", GROUP_CHECK, AUTHORIZER, STRING)),
                fn("serviceAccount", CelOverloadDecl.newMemberOverload("authorizer_serviceaccount", AUTHORIZER,
                        AUTHORIZER, STRING, STRING)),
                fn("resource", CelOverloadDecl.newMemberOverload("groupcheck_resource", RESOURCE_CHECK, GROUP_CHECK,
                        STRING)),
                fn("subresource", CelOverloadDecl.newMemberOverload("resourcecheck_subresource", RESOURCE_CHECK,
                        RESOURCE_CHECK, STRING)),
                fn("namespace", CelOverloadDecl.newMemberOverload("resourcecheck_namespace", RESOURCE_CHECK,
                        RESOURCE_CHECK, STRING)),
                fn("name", CelOverloadDecl.newMemberOverload("resourcecheck_name", RESOURCE_CHECK, RESOURCE_CHECK,
                        STRING)),
                fn("check", CelOverloadDecl.newMemberOverload("pathcheck_check", DECISION, PATH_CHECK, STRING),
                        CelOverloadDecl.newMemberOverload("resourcecheck_check", DECISION, RESOURCE_CHECK, STRING)),
                fn("allowed", CelOverloadDecl.newMemberOverload("decision_allowed", BOOL, DECISION)),
                fn("reason", CelOverloadDecl.newMemberOverload("decision_reason", STRING, DECISION)),
                fn("errored", CelOverloadDecl.newMemberOverload("decision_errored", BOOL, DECISION)),
                fn("error", CelOverloadDecl.newMemberOverload("decision_error", STRING, DECISION)));
        b.addFunctionBindings(
                CelFunctionBinding.from("authorizer_path", Authorizer.class, String.class, PathCheck::new),
                CelFunctionBinding.from("authorizer_group", Authorizer.class, String.class, GroupCheck::new),
                CelFunctionBinding.from("authorizer_serviceaccount", List.of(Authorizer.class, String.class,
                        String.class), args -> new Authorizer(
                                "system:serviceaccount:" + args[1] + ":" + args[2])),
                CelFunctionBinding.from("groupcheck_resource", GroupCheck.class, String.class,
                        (g, r) -> new ResourceCheck(g.authorizer(), g.group(), r, "", "", "")),
                CelFunctionBinding.from("resourcecheck_subresource", ResourceCheck.class, String.class,
                        (r, s) -> r.with(s, r.namespace(), r.name())),
                CelFunctionBinding.from("resourcecheck_namespace", ResourceCheck.class, String.class,
                        (r, n) -> r.with(r.subresource(), n, r.name())),
                CelFunctionBinding.from("resourcecheck_name", ResourceCheck.class, String.class,
                        (r, n) -> r.with(r.subresource(), r.namespace(), n)),
                CelFunctionBinding.from("pathcheck_check", PathCheck.class, String.class, (p, verb) -> Decision.ALLOW),
                CelFunctionBinding.from("resourcecheck_check", ResourceCheck.class, String.class,
                        (r, verb) -> Decision.ALLOW),
                CelFunctionBinding.from("decision_allowed", Decision.class, Decision::allowed),
                CelFunctionBinding.from("decision_reason", Decision.class, Decision::reason),
                CelFunctionBinding.from("decision_errored", Decision.class, d -> !d.error().isEmpty()),
                CelFunctionBinding.from("decision_error", Decision.class, Decision::error));
    }

    private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }
}
