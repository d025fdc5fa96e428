package io.kubeling.cel;

import dev.cel.common.CelAbstractSyntaxTree;

/** A static estimate of an expression's worst-case cost, after cel-go's checker.CostEstimator. */
final class CostEstimator {

    private CostEstimator() {
    }

    static long estimate(CelAbstractSyntaxTree ast, CelSizes sizes) {
        return 1;
    }
}
