package io.kubeling.admission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.kubeling.cel.AdmissionRequestType;
import io.kubeling.cel.Authz;
import io.kubeling.cel.CelCompileException;
import io.kubeling.cel.CelEngine;
import io.kubeling.cel.CelEvaluationError;
import io.kubeling.cel.CelValues;
import io.kubeling.cel.CelVariable;
import io.kubeling.cel.CompiledExpression;
import tools.jackson.databind.JsonNode;

/**
 * A webhook's matchConditions, as kube's matcher evaluates them over {@code object}, {@code oldObject} and
 * {@code request} (typed as kube's AdmissionRequest, objects in the version the webhook matched): a false one skips the webhook whatever the others say; errors (and no false) fail the request
 * under failurePolicy Fail and skip the webhook under Ignore.
 */
final class MatchConditions {

    static final CelEngine ENGINE = CelEngine.create(Stream.concat(Stream.of(CelVariable.dyn("object"),
            CelVariable.dyn("oldObject"), new CelVariable("request", AdmissionRequestType.TYPE)),
            Authz.VARIABLES.stream()).toList());

    /** A condition ready to evaluate, or the reason it cannot be. */
    record Compiled(String name, String expression, CompiledExpression program, String error) {
    }

    enum Outcome { CALL, SKIP }

    private final List<Compiled> conditions;

    private MatchConditions(List<Compiled> conditions) {
        this.conditions = conditions;
    }

    static MatchConditions compile(List<MatchCondition> conditions) {
        List<Compiled> compiled = new ArrayList<>();
        for (MatchCondition condition : conditions) {
            String expression = condition.getExpression() == null ? "" : condition.getExpression();
            try {
                compiled.add(new Compiled(condition.getName(), expression, ENGINE.compile(expression), null));
            } catch (CelCompileException e) {
                compiled.add(new Compiled(condition.getName(), expression, null, "compilation failed: "
                        + e.getMessage()));
            }
        }
        return new MatchConditions(List.copyOf(compiled));
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** Whether to call the webhook; a list of kube's error texts when the conditions fail closed. */
    Outcome evaluate(JsonNode object, JsonNode oldObject, JsonNode request, boolean failOpen, List<String> errors) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("object", object == null ? CelValues.fromJava(null) : CelValues.fromJson(object));
        bindings.put("oldObject", oldObject == null ? CelValues.fromJava(null) : CelValues.fromJson(oldObject));
        bindings.put("request", CelValues.fromJson(request));
        bindings.putAll(Authz.bindings(request));
        List<String> failures = new ArrayList<>();
        for (Compiled condition : conditions) {
            if (condition.program() == null) {
                failures.add("expression '" + condition.expression() + "' resulted in error: " + condition.error());
                continue;
            }
            try {
                Object result = condition.program().evaluate(bindings);
                if (Boolean.FALSE.equals(result)) {
                    return Outcome.SKIP;
                }
                if (!Boolean.TRUE.equals(result)) {
                    failures.add("expression '" + condition.expression() + "' resulted in error: "
                            + "no such overload");
                }
            } catch (CelEvaluationError e) {
                failures.add("expression '" + condition.expression() + "' resulted in error: " + e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            return Outcome.CALL;
        }
        if (failOpen) {
            return Outcome.SKIP;
        }
        errors.addAll(failures);
        return Outcome.CALL;
    }
}
