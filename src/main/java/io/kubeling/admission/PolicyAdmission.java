package io.kubeling.admission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.kubeling.cel.Authz;
import io.kubeling.cel.CelValues;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.LabelSelectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube's ValidatingAdmissionPolicy plugin, run before the validating webhooks as in kube's plugin order. For each
 * policy with bindings whose matchConstraints take the request, each binding whose matchResources take it is
 * evaluated once per parameter its paramRef selects; failed validations act as the binding's validationActions
 * say: Deny refuses the request with kube's Status (the first denial's text, its reason's code), Warn adds a
 * {@code Warning} header, Audit has no effect here, as Kubeling keeps no audit log. Configuration errors (a
 * paramKind not served, no parameter under parameterNotFoundAction Deny) refuse the request unless the policy's
 * failurePolicy is Ignore. The policy resources themselves are never checked, as in kube.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class PolicyAdmission implements Admission {

    private static final String GROUP = "admissionregistration.k8s.io";
    private static final Set<String> EXEMPT = Set.of("validatingadmissionpolicies",
            "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings");

    private final PolicySource source;
    private final Supplier<Registry> registry;
    private final ObjectCodec codec;

    @Autowired
    PolicyAdmission(ObjectProvider<Registry> registry, ObjectCodec codec) {
        this((Supplier<Registry>) registry::getObject, codec);
    }

    PolicyAdmission(Supplier<Registry> registry, ObjectCodec codec) {
        this.registry = registry;
        this.codec = codec;
        this.source = new PolicySource(registry);
    }

    /** A denial with the policy and (unless the policy itself is at fault) the binding that made it. */
    private record Denial(String policy, String binding, String message, String reason) {
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        ResourceDefinition<?> def = request.resource();
        if (def.group().equals(GROUP) && EXEMPT.contains(def.plural())) {
            return;
        }
        List<PolicySource.Hook> hooks = source.hooks();
        if (hooks.isEmpty()) {
            return;
        }
        Function<String, Map<String, String>> namespaceLabels = name -> namespace(name).getMetadata().getLabels();
        Supplier<List<ResourceDefinition<?>>> equivalents = new Supplier<>() {
            private List<ResourceDefinition<?>> found;

            @Override
            public List<ResourceDefinition<?>> get() {
                if (found == null) {
                    found = ResourceRules.equivalents(registry.get(), def);
                }
                return found;
            }
        };
        Map<ResourceDefinition<?>, Inputs> inputsAs = new HashMap<>();
        List<Denial> denials = new ArrayList<>();
        for (PolicySource.Hook hook : hooks) {
            CompiledPolicy policy = hook.policy();
            ValidatingAdmissionPolicy definition = policy.policy();
            ResourceDefinition<?> as;
            try {
                as = definition.getSpec() == null || definition.getSpec().getMatchConstraints() == null ? null
                        : PolicyMatch.matches(definition.getSpec().getMatchConstraints(), request, namespaceLabels,
                                equivalents);
            } catch (StatusException e) {
                configError(denials, policy, null, e.status().getMessage());
                continue;
            }
            if (as == null) {
                continue;
            }
            ParamKind paramKind = definition.getSpec().getParamKind();
            ResourceDefinition<?> paramDef = null;
            if (paramKind != null) {
                paramDef = paramDefinition(paramKind).orElse(null);
                if (paramDef == null) {
                    configError(denials, policy, null, "failed to find resource referenced by paramKind: '"
                            + groupVersion(paramKind.getApiVersion()) + ", Kind=" + paramKind.getKind() + "'");
                    continue;
                }
            }
            Inputs inputs = inputsAs.computeIfAbsent(as, matched -> inputs(request, matched));
            for (ValidatingAdmissionPolicyBinding binding : hook.bindings()) {
                try {
                    if (binding.getSpec().getMatchResources() != null && PolicyMatch.matches(
                            binding.getSpec().getMatchResources(), request, namespaceLabels, equivalents) == null) {
                        continue;
                    }
                } catch (StatusException e) {
                    configError(denials, policy, binding, e.status().getMessage());
                    continue;
                }
                List<Object> params;
                try {
                    params = params(paramKind, paramDef, binding.getSpec().getParamRef(), request);
                } catch (ConfigurationError e) {
                    configError(denials, policy, binding, e.getMessage());
                    continue;
                }
                for (Object param : params) {
                    Map<String, Object> bindings = new HashMap<>(inputs.values());
                    if (paramKind != null) {
                        bindings.put("params", param);
                    }
                    act(policy, binding, policy.validate(bindings), denials);
                }
            }
        }
        if (!denials.isEmpty()) {
            throw denied(request, denials.get(0));
        }
    }

    private void act(CompiledPolicy policy, ValidatingAdmissionPolicyBinding binding, CompiledPolicy.Result result,
            List<Denial> denials) {
        List<String> actions = binding.getSpec().getValidationActions() == null ? List.of()
                : binding.getSpec().getValidationActions();
        for (CompiledPolicy.Decision decision : result.decisions()) {
            for (String action : actions) {
                if (action.equals("Deny")) {
                    denials.add(new Denial(policy.name(), binding.getMetadata().getName(), decision.message(),
                            decision.reason()));
                } else if (action.equals("Warn")) {
                    RequestWarnings.add("Validation failed for ValidatingAdmissionPolicy '" + policy.name()
                            + "' with binding '" + binding.getMetadata().getName() + "': " + decision.message());
                }
            }
        }
    }

    /** kube's addConfigError: nothing under failurePolicy Ignore, else a denial. */
    private static void configError(List<Denial> denials, CompiledPolicy policy,
            ValidatingAdmissionPolicyBinding binding, String error) {
        if (policy.failOpen()) {
            return;
        }
        String message = (binding == null ? "failed to configure policy: " : "failed to configure binding: ") + error;
        denials.add(new Denial(policy.name(), binding == null ? null : binding.getMetadata().getName(), message,
                null));
    }

    /** kube's refusal: a Forbidden Status whose reason (Invalid by default) sets its code, the text as its cause. */
    private static StatusException denied(AdmissionRequest<?> request, Denial denial) {
        String message = denial.binding() == null
                ? "ValidatingAdmissionPolicy '" + denial.policy() + "' denied request: " + denial.message()
                : "ValidatingAdmissionPolicy '" + denial.policy() + "' with binding '" + denial.binding()
                        + "' denied request: " + denial.message();
        StatusException error = Errors.forbidden(request.resource().groupResource(), request.name(), message);
        String reason = denial.reason() == null || denial.reason().isEmpty() ? "Invalid" : denial.reason();
        error.status().setReason(reason);
        error.status().setCode(switch (reason) {
            case "Forbidden" -> 403;
            case "Unauthorized" -> 401;
            case "RequestEntityTooLarge" -> 413;
            default -> 422;
        });
        error.status().getDetails().setCauses(List.of(new StatusCause(null, message, null)));
        return error;
    }

    private record Inputs(Map<String, Object> values) {
    }

    /**
     * object, oldObject, request and namespaceObject as CEL values, built once per request and resource matched as:
     * the objects in the version matched, which for conversion None only rewrites apiVersion, as for webhooks.
     */
    private Inputs inputs(AdmissionRequest<?> request, ResourceDefinition<?> as) {
        Map<String, Object> values = new HashMap<>();
        values.put("object", CelValues.fromJson(AdmissionReviews.tree(codec.mapper(), request.object(), as)));
        values.put("oldObject", CelValues.fromJson(AdmissionReviews.tree(codec.mapper(), request.oldObject(), as)));
        ObjectNode attributes = (ObjectNode) AdmissionReviews.request(codec.mapper(), "v1", "", request, as, null, null)
                .get("request");
        attributes.remove("object");
        attributes.remove("oldObject");
        attributes.remove("uid");
        // the typed request has every field, empty when the request has none
        for (String field : List.of("subResource", "requestSubResource", "name", "namespace")) {
            if (!attributes.has(field)) {
                attributes.put(field, "");
            }
        }
        ObjectNode user = (ObjectNode) attributes.get("userInfo");
        if (!user.has("uid")) {
            user.put("uid", "");
        }
        if (!user.has("extra")) {
            user.putObject("extra");
        }
        values.put("request", CelValues.fromJson(attributes));
        values.putAll(Authz.bindings(attributes));
        values.put("namespaceObject", CelValues.fromJson(namespaceObject(request)));
        return new Inputs(values);
    }

    /** kube's CreateNamespaceObject: the request's namespace with its spec, status and identifying metadata. */
    private JsonNode namespaceObject(AdmissionRequest<?> request) {
        String name = request.namespace();
        if (name == null || name.isEmpty() || ResourceRules.isNamespaces(request.resource())) {
            return null;
        }
        Namespace namespace;
        try {
            namespace = namespace(name);
        } catch (StatusException notFound) {
            return null;
        }
        ObjectNode tree = codec.mapper().valueToTree(namespace);
        tree.remove("apiVersion");
        tree.remove("kind");
        JsonNode metadata = tree.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.retain("name", "generateName", "namespace", "uid", "resourceVersion", "generation",
                    "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations");
        }
        return tree;
    }

    private Namespace namespace(String name) {
        return registry.get().store(Namespace.class).peek(null, name);
    }

    private Optional<ResourceDefinition<?>> paramDefinition(ParamKind kind) {
        String apiVersion = kind.getApiVersion() == null ? "" : kind.getApiVersion();
        for (ResourceDefinition<?> def : registry.get().definitions()) {
            if (def.apiVersion().equals(apiVersion) && def.kind().equals(kind.getKind())) {
                return Optional.of(def);
            }
        }
        return Optional.empty();
    }

    private static String groupVersion(String apiVersion) {
        String value = apiVersion == null ? "" : apiVersion;
        return value.contains("/") ? value : "/" + value;
    }

    /** A binding that cannot be evaluated as it stands. */
    private static final class ConfigurationError extends Exception {
        ConfigurationError(String message) {
            super(message);
        }
    }

    /** kube's CollectParams: the parameters to evaluate the policy with, a null one when it takes none. */
    private List<Object> params(ParamKind kind, ResourceDefinition<?> def, ParamRef ref, AdmissionRequest<?> request)
            throws ConfigurationError {
        List<Object> none = new ArrayList<>();
        none.add(CelValues.fromJava(null));
        if (kind == null || ref == null) {
            return none;
        }
        String namespace = null;
        if (def.namespaced()) {
            namespace = ref.getNamespace() != null && !ref.getNamespace().isEmpty() ? ref.getNamespace()
                    : request.namespace();
            if (namespace == null || namespace.isEmpty()) {
                throw new ConfigurationError(
                        "cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
            }
        } else if (ref.getNamespace() != null && !ref.getNamespace().isEmpty()) {
            throw new ConfigurationError("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
        }
        ResourceStore<?> store = registry.get().find(def.group(), def.version(), def.plural())
                .orElseThrow(() -> new ConfigurationError("paramKind kind `" + kind + "` not known"));
        List<HasMetadata> found = new ArrayList<>();
        if (ref.getName() != null && !ref.getName().isEmpty()) {
            try {
                found.add(store.peek(namespace, ref.getName()));
            } catch (StatusException notFound) {
                // not there (yet): the parameterNotFoundAction decides
            }
        } else if (ref.getSelector() != null) {
            for (HasMetadata candidate : store.peekAll()) {
                String candidateNamespace = candidate.getMetadata().getNamespace();
                if ((namespace == null || namespace.equals(candidateNamespace))
                        && LabelSelectors.matches(ref.getSelector(), candidate.getMetadata().getLabels())) {
                    found.add(candidate);
                }
            }
        } else {
            throw new ConfigurationError("one of name or selector must be provided");
        }
        if (found.isEmpty() && "Deny".equals(ref.getParameterNotFoundAction())) {
            throw new ConfigurationError("no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        List<Object> params = new ArrayList<>();
        for (HasMetadata param : found) {
            params.add(CelValues.fromJson(AdmissionReviews.tree(codec.mapper(), param, def)));
        }
        return params;
    }
}
