package io.kubeling.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;

/** A variable an expression may use, with the type the checker gives it. */
public record CelVariable(String name, CelType type) {

    /** A variable of any type, checked only when evaluated. */
    public static CelVariable dyn(String name) {
        return new CelVariable(name, SimpleType.DYN);
    }
}
