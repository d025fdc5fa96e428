package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;

/**
 * The CEL part of kube's CRD schema validation: rules and messageExpressions that do not compile,
 * oldSelf where old values cannot be correlated, and rules whose estimated cost exceeds kube's
 * limits (per rule, and for the whole schema).
 */
final class RuleChecks {

    /** kube's StaticEstimatedCostLimit, per expression. */
    static final long PER_RULE_LIMIT = 10_000_000L;
    /** kube's StaticEstimatedCRDCostLimit, for all the rules of one schema. */
    static final long PER_CRD_LIMIT = 100_000_000L;

    private RuleChecks() {
    }

    static List<FieldError> check(RuleSet rules, String path) {
        List<FieldError> errors = new ArrayList<>();
        long total = 0;
        List<String> expensive = new ArrayList<>();
        for (RuleSet.Located at : rules.located()) {
            String base = path + at.schemaPath() + ".x-kubernetes-validations";
            SchemaSizes sizes = new SchemaSizes(at.node());
            for (int i = 0; i < at.rules().size(); i++) {
                CompiledRule r = at.rules().get(i);
                String rulePath = base + "[" + i + "].rule";
                if (r.expression != null) {
                    long cost = times(r.expression.estimatedCost(sizes), at.cardinality());
                    if (cost > PER_RULE_LIMIT) {
                        errors.add(FieldError.forbidden(rulePath, costMessage("estimated rule cost", cost, PER_RULE_LIMIT)));
                    }
                    total = add(total, cost);
                    expensive.add(rulePath);
                }
                if (r.ruleError != null) {
                    errors.add(FieldError.invalid(rulePath, goRule(r.rule), r.ruleError));
                }
                if (r.messageError != null) {
                    errors.add(FieldError.invalid(base + "[" + i + "].messageExpression", goRule(r.rule), r.messageError));
                } else if (r.messageExpression != null) {
                    long cost = times(r.messageExpression.estimatedCost(sizes), at.cardinality());
                    if (cost > PER_RULE_LIMIT) {
                        errors.add(FieldError.forbidden(base + "[" + i + "].messageExpression",
                                costMessage("estimated messageExpression cost", cost, PER_RULE_LIMIT)));
                    }
                    total = add(total, cost);
                }
                if (r.transition && r.expression != null && at.uncorrelatable() != null) {
                    errors.add(FieldError.invalid(rulePath, r.rule.getRule(),
                            "oldSelf cannot be used on the uncorrelatable portion of the schema within "
                                    + path + at.uncorrelatable()));
                } else if (!r.transition && r.rule.getOptionalOldSelf() != null) {
                    errors.add(FieldError.invalid(base + "[" + i + "].optionalOldSelf", r.rule.getOptionalOldSelf(),
                            "may not be set if oldSelf is not used in rule"));
                }
            }
        }
        if (total > PER_CRD_LIMIT) {
            for (String p : expensive) {
                errors.add(FieldError.forbidden(p,
                        "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema"));
            }
            errors.add(FieldError.forbidden(path, costMessage(
                    "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema", total, PER_CRD_LIMIT)));
        }
        return errors;
    }

    /** kube's getCostErrorMessage. */
    static String costMessage(String name, long cost, long limit) {
        double factor = (double) cost / limit;
        String shown;
        if (factor > 100.0) {
            shown = "more than 100x";
        } else if (factor < 1.5) {
            shown = String.format(Locale.ROOT, "%fx", factor);
        } else {
            shown = String.format(Locale.ROOT, "%.1fx", factor);
        }
        return name + " exceeds budget by factor of " + shown + " (try simplifying the rule, or adding maxItems, "
                + "maxProperties, and maxLength where arrays, maps, and strings are declared)";
    }

    /** The rule as kube prints it in errors: Go's %#v of apiextensions.ValidationRule. */
    static Object goRule(ValidationRule r) {
        String text = "apiextensions.ValidationRule{Rule:" + q(r.getRule()) + ", Message:" + q(r.getMessage())
                + ", MessageExpression:" + q(r.getMessageExpression()) + ", Reason:"
                + (r.getReason() == null ? "(*apiextensions.FieldValueErrorReason)(nil)"
                        : "(*apiextensions.FieldValueErrorReason)(" + q(r.getReason()) + ")")
                + ", FieldPath:" + q(r.getFieldPath()) + ", OptionalOldSelf:"
                + (r.getOptionalOldSelf() == null ? "(*bool)(nil)" : "(*bool)(" + r.getOptionalOldSelf() + ")") + "}";
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }

    private static String q(String s) {
        return GoQuote.quote(s == null ? "" : s);
    }

    private static long times(long a, long b) {
        return a != 0 && Long.MAX_VALUE / a < b ? Long.MAX_VALUE : a * b;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
