package io.kubeling.resources.pods;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Go's {@code Quantity.String()} for a value it does not hold a cached string for: the mantissa with
 * an exponent that is a multiple of three and an SI suffix, or powers of 1024 for BinarySI.
 */
final class CanonicalQuantity {

    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger KI = BigInteger.valueOf(1024);

    private CanonicalQuantity() {
    }

    static String format(BigDecimal value, String format) {
        if (value.signum() == 0) {
            return "0";
        }
        if ("BinarySI".equals(format)) {
            boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean integral = value.stripTrailingZeros().scale() <= 0;
            if (!small && integral) {
                return binary(value.toBigIntegerExact());
            }
            format = "DecimalSI";
        }
        // kube rounds anything finer than nano up to nano before printing
        BigDecimal rounded = value;
        if (rounded.scale() > 9) {
            rounded = rounded.setScale(9, RoundingMode.UP);
        }
        rounded = rounded.stripTrailingZeros();
        BigInteger mantissa = rounded.unscaledValue();
        int exponent = -rounded.scale();
        while (Math.floorMod(exponent, 3) != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        String suffix;
        if (exponent == 0) {
            suffix = "";
        } else if ("DecimalSI".equals(format) && exponent >= -9 && exponent <= 18) {
            suffix = DECIMAL_SUFFIXES[(exponent + 9) / 3];
        } else {
            suffix = "e" + exponent;
        }
        return mantissa + suffix;
    }

    private static String binary(BigInteger value) {
        int power = 0;
        BigInteger amount = value;
        while (power < BINARY_SUFFIXES.length - 1 && amount.mod(KI).signum() == 0) {
            amount = amount.divide(KI);
            power++;
        }
        return amount + BINARY_SUFFIXES[power];
    }
}
