package io.kubeling.resources.customresources.schema;

import java.util.List;
import java.util.regex.Pattern;

import dev.cel.common.types.CelType;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.kubeling.cel.CelCompileException;
import io.kubeling.cel.CelEngine;
import io.kubeling.cel.CelTypes;
import io.kubeling.cel.CelVariable;
import io.kubeling.cel.CompiledExpression;

/** One x-kubernetes-validations rule compiled for its node: self (and oldSelf) typed from the schema. */
final class CompiledRule {

    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

    final ValidationRule rule;
    final CompiledExpression expression;
    final CompiledExpression messageExpression;
    final boolean transition;
    final boolean optionalOldSelf;
    /** Why the rule or its messageExpression does not compile, with kube's wording; null when they do. */
    final String ruleError;
    final String messageError;

    private CompiledRule(ValidationRule rule, CompiledExpression expression, CompiledExpression messageExpression,
            String ruleError, String messageError) {
        this.rule = rule;
        this.expression = expression;
        this.messageExpression = messageExpression;
        this.ruleError = ruleError;
        this.messageError = messageError;
        this.transition = rule.getRule() != null && OLD_SELF.matcher(rule.getRule()).find();
        this.optionalOldSelf = Boolean.TRUE.equals(rule.getOptionalOldSelf());
    }

    /** The environments of one node: with oldSelf as the node's type, and as an optional of it. */
    static final class Environments {
        private final CelType self;
        private CelEngine plain;
        private CelEngine optional;

        Environments(Node node, String typeName, boolean resource) {
            this.self = CelSchema.type(node, typeName, resource);
        }

        CelEngine get(boolean optionalOldSelf) {
            if (optionalOldSelf) {
                if (optional == null) {
                    optional = CelEngine.create(List.of(new CelVariable("self", self),
                            new CelVariable("oldSelf", CelTypes.optional(self))));
                }
                return optional;
            }
            if (plain == null) {
                plain = CelEngine.create(List.of(new CelVariable("self", self), new CelVariable("oldSelf", self)));
            }
            return plain;
        }
    }

    static CompiledRule compile(ValidationRule rule, Environments envs) {
        CelEngine engine = envs.get(Boolean.TRUE.equals(rule.getOptionalOldSelf()));
        CompiledExpression expression = null;
        String ruleError = null;
        try {
            expression = engine.compile(rule.getRule() == null ? "" : rule.getRule());
            if (!expression.resultType().equals(CelTypes.BOOL)) {
                ruleError = "cel expression must evaluate to a bool";
                expression = null;
            }
        } catch (CelCompileException e) {
            ruleError = "compilation failed: " + e.getMessage();
        }
        CompiledExpression message = null;
        String messageError = null;
        if (rule.getMessageExpression() != null && !rule.getMessageExpression().isEmpty()) {
            try {
                message = engine.compile(rule.getMessageExpression());
                if (!message.resultType().equals(CelTypes.STRING)) {
                    messageError = "must evaluate to a string";
                    message = null;
                }
            } catch (CelCompileException e) {
                messageError = "messageExpression compilation failed: " + e.getMessage();
            }
        }
        return new CompiledRule(rule, expression, message, ruleError, messageError);
    }

    /** kube's ruleErrorString: the message, else the rule. */
    String errorString() {
        if (rule.getMessage() != null && !rule.getMessage().isBlank()) {
            return rule.getMessage().trim();
        }
        return rule.getRule() == null ? "" : rule.getRule().trim();
    }

    /** kube's ruleMessageOrDefault. */
    String messageOrDefault() {
        if (rule.getMessage() == null || rule.getMessage().isEmpty()) {
            return "failed rule: " + errorString();
        }
        return rule.getMessage().trim();
    }
}
