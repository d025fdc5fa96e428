package io.kubeling.cel;

import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** A checked expression, ready to evaluate any number of times from any thread. */
public final class CompiledExpression {

    private final String expression;
    private final CelAbstractSyntaxTree ast;
    private final CelRuntime.Program program;

    CompiledExpression(String expression, CelAbstractSyntaxTree ast, CelRuntime.Program program) {
        this.expression = expression;
        this.ast = ast;
        this.program = program;
    }

    public String expression() {
        return expression;
    }

    /** The type the checker gives the whole expression. */
    public CelType resultType() {
        return ast.getResultType();
    }

    CelAbstractSyntaxTree ast() {
        return ast;
    }

    /**
     * Evaluates with these bindings, already CEL values (see {@link CelValues}); an unbound
     * variable is an error only where the expression reads it.
     */
    public Object evaluate(Map<String, ?> bindings) throws CelEvaluationError {
        try {
            return program.eval(bindings);
        } catch (CelEvaluationException e) {
            throw new CelEvaluationError(CelMessages.evaluationError(e), e);
        } catch (RuntimeException e) {
            throw new CelEvaluationError(String.valueOf(e.getMessage()), e);
        }
    }

    /** The worst-case cost of one evaluation, in kube's cost units, given the sizes the schema allows. */
    public long estimatedCost(CelSizes sizes) {
        return CostEstimator.estimate(ast, sizes);
    }
}
