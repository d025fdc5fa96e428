package io.kubeling.admission;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.kubeling.cel.CelEvaluationError;
import io.kubeling.cel.CompiledExpression;
import io.kubeling.resources.common.AdmissionPolicyCel;
import io.kubeling.resources.common.AdmissionPolicyCel.Returns;

/**
 * A ValidatingAdmissionPolicy's expressions compiled once per stored version, and kube's validator over them for
 * one binding and one parameter: matchConditions (a false one skips the policy; errors deny under Fail and skip
 * under Ignore), then each validation (false denies with its messageExpression's, message's or kube's default
 * text and reason; an error denies under Fail), then the audit annotations, whose errors deny under Fail.
 * Variables are evaluated when first read, once per evaluation, as kube's lazy composition.
 */
final class CompiledPolicy {

    /** kube's MaxEvaluatedMessageExpressionSizeBytes. */
    private static final int MAX_MESSAGE = 5 * 1024;

    /** One validation's outcome that is not an admission. */
    record Decision(boolean deny, String message, String reason) {
    }

    record Result(List<Decision> decisions, Map<String, String> auditAnnotations) {
        static final Result NONE = new Result(List.of(), Map.of());
    }

    private record Expression(String text, CompiledExpression program, String error) {
        static Expression of(String text, AdmissionPolicyCel.Compiled compiled) {
            return new Expression(text, compiled.program(), compiled.error());
        }

        /** The value, or kube's error detail as the exception's message. */
        Object evaluate(Map<String, Object> bindings) throws CelEvaluationError {
            if (program == null) {
                throw new CelEvaluationError("compilation error: " + error, null);
            }
            try {
                return program.evaluate(bindings);
            } catch (CelEvaluationError e) {
                throw new CelEvaluationError("expression '" + text + "' resulted in error: " + e.getMessage(), e);
            }
        }
    }

    private record Check(Expression expression, String message, Expression messageExpression, String reason) {
    }

    private final ValidatingAdmissionPolicy policy;
    private final boolean failOpen;
    private final List<Expression> conditions = new ArrayList<>();
    private final Map<String, Expression> variables = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Expression> annotations = new LinkedHashMap<>();

    private CompiledPolicy(ValidatingAdmissionPolicy policy) {
        this.policy = policy;
        ValidatingAdmissionPolicySpec spec = policy.getSpec() == null ? new ValidatingAdmissionPolicySpec()
                : policy.getSpec();
        this.failOpen = "Ignore".equals(spec.getFailurePolicy());
        boolean params = spec.getParamKind() != null;
        AdmissionPolicyCel plain = AdmissionPolicyCel.environment(params);
        for (MatchCondition condition : nonNull(spec.getMatchConditions())) {
            String text = nz(condition.getExpression()).trim();
            conditions.add(Expression.of(text, plain.compile(text, Returns.BOOL)));
        }
        AdmissionPolicyCel cel = AdmissionPolicyCel.environment(params);
        for (Variable variable : nonNull(spec.getVariables())) {
            String text = nz(variable.getExpression());
            variables.put(nz(variable.getName()), Expression.of(text, cel.addVariable(nz(variable.getName()), text)));
        }
        for (Validation validation : nonNull(spec.getValidations())) {
            String text = nz(validation.getExpression());
            Expression messageExpression = nz(validation.getMessageExpression()).isBlank() ? null
                    : Expression.of(validation.getMessageExpression(),
                            cel.compile(validation.getMessageExpression(), Returns.STRING));
            checks.add(new Check(Expression.of(text, cel.compile(text, Returns.BOOL)), validation.getMessage(),
                    messageExpression, validation.getReason()));
        }
        for (AuditAnnotation annotation : nonNull(spec.getAuditAnnotations())) {
            String text = nz(annotation.getValueExpression()).trim();
            annotations.put(nz(annotation.getKey()), Expression.of(text, cel.compile(text, Returns.STRING_OR_NULL)));
        }
    }

    static CompiledPolicy compile(ValidatingAdmissionPolicy policy) {
        return new CompiledPolicy(policy);
    }

    ValidatingAdmissionPolicy policy() {
        return policy;
    }

    String name() {
        return policy.getMetadata().getName();
    }

    boolean failOpen() {
        return failOpen;
    }

    /** The decisions for one parameter; {@code inputs} binds object, oldObject, request, namespaceObject, params. */
    Result validate(Map<String, Object> inputs) {
        Map<String, Object> bindings = new HashMap<>(inputs);
        bindings.put("variables", new LazyVariables(bindings));
        List<String> errors = new ArrayList<>();
        for (Expression condition : conditions) {
            try {
                Object result = condition.evaluate(bindings);
                if (!Boolean.TRUE.equals(result)) {
                    return Result.NONE;
                }
            } catch (CelEvaluationError e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            if (failOpen) {
                return Result.NONE;
            }
            String message = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
            return new Result(List.of(new Decision(true, message, null)), Map.of());
        }
        List<Decision> decisions = new ArrayList<>();
        for (Check check : checks) {
            Object result;
            try {
                result = check.expression().evaluate(bindings);
            } catch (CelEvaluationError e) {
                if (!failOpen) {
                    decisions.add(new Decision(true, e.getMessage(), null));
                }
                continue;
            }
            if (!Boolean.TRUE.equals(result)) {
                decisions.add(new Decision(true, message(check, bindings),
                        check.reason() == null ? "Invalid" : check.reason()));
            }
        }
        Map<String, String> published = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> annotation : annotations.entrySet()) {
            try {
                Object value = annotation.getValue().evaluate(bindings);
                if (value instanceof String s) {
                    if (!s.isBlank()) {
                        published.put(annotation.getKey(), s.strip());
                    }
                } else if (!isNull(value) && !failOpen) {
                    decisions.add(new Decision(true, "valueExpression '" + annotation.getValue().text()
                            + "' resulted in unsupported return type: " + typeName(value)
                            + ". Return type must be either string or null.", null));
                }
            } catch (CelEvaluationError e) {
                if (!failOpen) {
                    decisions.add(new Decision(true, e.getMessage(), null));
                }
            }
        }
        return new Result(decisions, published);
    }

    /** kube's choice of text: the messageExpression's string if usable, else the message, else the expression. */
    private static String message(Check check, Map<String, Object> bindings) {
        String message = "";
        if (check.messageExpression() != null) {
            try {
                if (check.messageExpression().evaluate(bindings) instanceof String s) {
                    message = s.strip();
                    if (message.length() > MAX_MESSAGE || message.contains("\n")) {
                        message = "";
                    }
                }
            } catch (CelEvaluationError ignored) {
                // kube logs it and falls back to the message
            }
        }
        if (message.isEmpty() && check.message() != null && !check.message().isEmpty()) {
            message = check.message().strip();
        }
        if (message.isEmpty()) {
            message = "failed expression: " + check.expression().text().strip();
        }
        return message;
    }

    private static boolean isNull(Object value) {
        return value == null || value.getClass().getSimpleName().equals("NullValue");
    }

    private static String typeName(Object value) {
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "map";
        }
        return value.getClass().getSimpleName();
    }

    /** The {@code variables} map: each variable evaluated on first read, its error raised wherever it is read. */
    private final class LazyVariables extends AbstractMap<String, Object> {

        private final Map<String, Object> bindings;
        private final Map<String, Object> values = new HashMap<>();
        private final Set<String> evaluating = new LinkedHashSet<>();

        LazyVariables(Map<String, Object> bindings) {
            this.bindings = bindings;
        }

        @Override
        public boolean containsKey(Object key) {
            return variables.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            Expression expression = variables.get(key);
            if (expression == null) {
                return null;
            }
            Object cached = values.get(key);
            if (cached != null) {
                return cached;
            }
            if (!evaluating.add((String) key)) {
                throw new IllegalStateException("composited variable \"" + key + "\" refers to itself");
            }
            try {
                Object value = expression.evaluate(bindings);
                values.put((String) key, value);
                return value;
            } catch (CelEvaluationError e) {
                throw new IllegalStateException(e.getMessage(), e);
            } finally {
                evaluating.remove(key);
            }
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String name : variables.keySet()) {
                all.put(name, get(name));
            }
            return all.entrySet();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static <E> List<E> nonNull(List<E> list) {
        return list == null ? List.of() : list;
    }
}
