package io.kubeling.resources.pods;

import java.math.BigDecimal;

import io.fabric8.kubernetes.api.model.Quantity;

/** Resource quantities as apimachinery reads and prints them, for the resources outside pods that hold them. */
public final class Quantities {

    private Quantities() {
    }

    /** The exact value of a quantity, or null when it is not one kube parses. */
    public static BigDecimal value(Quantity q) {
        KubeQuantity parsed = KubeQuantity.of(q);
        return parsed == null ? null : parsed.value();
    }

    /** Go's {@code Quantity.String()}: the canonical form; the text itself when it does not parse. */
    public static String canonical(Quantity q) {
        if (q == null) {
            return "0";
        }
        KubeQuantity parsed = KubeQuantity.of(q);
        return parsed == null ? q.toString() : parsed.canonical();
    }

    /** A value printed in {@code format}'s canonical form (DecimalSI, BinarySI, DecimalExponent). */
    public static String canonical(BigDecimal value, String format) {
        return CanonicalQuantity.format(value, format);
    }

    /** The format a quantity was written in (DecimalSI, BinarySI, DecimalExponent), DecimalSI when it does not parse. */
    public static String format(Quantity q) {
        KubeQuantity parsed = KubeQuantity.of(q);
        return parsed == null ? "DecimalSI" : parsed.format();
    }
}
