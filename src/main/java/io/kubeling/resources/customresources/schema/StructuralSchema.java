package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of one version of a custom resource, as apiextensions-apiserver applies it to the
 * objects it serves: pruning, defaulting, validation (kube-openapi's, list types, embedded
 * resources) and the CEL rules. Built once per CRD version from a schema that
 * {@link CrdSchemaValidation} accepted; safe to share between threads.
 */
public final class StructuralSchema {

    private final Node root;
    private final RuleSet rules;

    private StructuralSchema(Node root) {
        this.root = root;
        this.rules = RuleSet.of(root);
    }

    /** The schema of {@code spec.versions[*].schema.openAPIV3Schema}; null for a version without one. */
    public static StructuralSchema of(JSONSchemaProps openAPIV3Schema) {
        return new StructuralSchema(Node.of(openAPIV3Schema));
    }

    /**
     * Drops the fields the schema does not declare, in place, and returns their paths
     * ({@code spec.foo}, {@code spec.items[0].bar}) for warnings, or for a Strict request's
     * {@code unknown field "spec.foo"} error.
     */
    public List<String> prune(ObjectNode object) {
        if (root == null) {
            return List.of();
        }
        return Pruner.pruneRoot(root, object);
    }

    /** Applies the schema's defaults in place, as on create, update and read. */
    public void applyDefaults(ObjectNode object) {
        Defaulter.apply(root, object);
    }

    /** The errors of a new object: schema, list types, embedded resources and CEL rules. */
    public List<FieldError> validate(ObjectNode object) {
        return validateUpdate(object, null);
    }

    /** The errors of an updated object; transition rules compare it with {@code old}. */
    public List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null) {
            return errors;
        }
        errors.addAll(Validator.validateRoot(root, object));
        errors.addAll(ListTypes.validate(root, object, ""));
        errors.addAll(EmbeddedResources.validate(root, object, ""));
        if (old != null) {
            errors = Ratcheting.keepChanged(errors, object, old);
        }
        if (!rules.isEmpty()) {
            if (errors.stream().anyMatch(StructuralSchema::blocksRules)) {
                errors.add(FieldError.invalid("<nil>", "null", "some validation rules were not checked because "
                        + "the object was invalid; correct the existing errors to complete validation"));
            } else {
                errors.addAll(rules.validate(object, old));
            }
        }
        return errors;
    }

    /** kube's hasBlockingErr: type, required, enum and size errors leave the CEL rules unchecked. */
    private static boolean blocksRules(FieldError e) {
        return switch (e.type()) {
            case NOT_SUPPORTED, REQUIRED, TOO_LONG, TOO_MANY, TYPE_INVALID -> true;
            default -> false;
        };
    }

    /** The message kube gives a Strict request for a pruned field. */
    public static String unknownFieldMessage(String path) {
        return "unknown field \"" + path + "\"";
    }
}
