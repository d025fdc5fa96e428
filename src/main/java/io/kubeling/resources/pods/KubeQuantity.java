package io.kubeling.resources.pods;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A resource quantity read the way apimachinery's {@code ParseQuantity} reads it: its exact value,
 * and the fields of the Go struct it becomes ({@code i}, {@code s}, {@code Format}), which go-cmp
 * prints in a spec diff.
 */
record KubeQuantity(BigDecimal value, String format, Long intValue, Integer intScale, String cached) {

    static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static final Pattern SYNTAX =
            Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)");
    private static final Map<String, Integer> DECIMAL = Map.ofEntries(
            Map.entry("n", -9), Map.entry("u", -6), Map.entry("m", -3), Map.entry("", 0), Map.entry("k", 3),
            Map.entry("M", 6), Map.entry("G", 9), Map.entry("T", 12), Map.entry("P", 15), Map.entry("E", 18));
    private static final Map<String, Integer> BINARY = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final Pattern EXPONENT = Pattern.compile("[eE]([-+]?[0-9]+)");

    /** Parses a fabric8 quantity; null when it is not a valid quantity. */
    static KubeQuantity of(Quantity q) {
        return q == null ? null : parse(q.toString());
    }

    static KubeQuantity parse(String text) {
        if (text == null) {
            return null;
        }
        String str = text.trim();
        Matcher m = SYNTAX.matcher(str);
        if (str.isEmpty() || !m.matches()) {
            return null;
        }
        boolean positive = !"-".equals(m.group(1));
        String num = m.group(2).replaceFirst("^0+", "");
        if (num.isEmpty()) {
            num = "0";
        }
        String denom = m.group(3) == null ? "" : m.group(3);
        if (m.group(2).isEmpty() && denom.isEmpty()) {
            return null;
        }
        String suffix = m.group(4);
        int exponent;
        String format;
        boolean binary = false;
        if (DECIMAL.containsKey(suffix)) {
            exponent = DECIMAL.get(suffix);
            format = "DecimalSI";
        } else if (BINARY.containsKey(suffix)) {
            exponent = BINARY.get(suffix);
            format = "BinarySI";
            binary = true;
        } else {
            Matcher e = EXPONENT.matcher(suffix);
            if (!e.matches()) {
                return null;
            }
            exponent = Integer.parseInt(e.group(1));
            format = "DecimalExponent";
        }
        BigDecimal magnitude = new BigDecimal(num + (denom.isEmpty() ? "" : "." + denom));
        BigDecimal value = binary
                ? magnitude.multiply(new BigDecimal(BigInteger.TWO.pow(exponent)))
                : magnitude.scaleByPowerOfTen(exponent);
        if (!positive) {
            value = value.negate();
        }
        return withInt64Form(value, format, positive, num, denom, exponent, binary, str);
    }

    /**
     * Go keeps a quantity as an int64 with a decimal scale when it fits, and caches the original
     * string when that string is already canonical; this mirrors that choice.
     */
    private static KubeQuantity withInt64Form(BigDecimal value, String format, boolean positive, String num,
            String denom, int exponent, boolean binary, String str) {
        int scale;
        int precision;
        long mantissa = 1;
        if (binary) {
            scale = 0;
            if (denom.isEmpty()) {
                mantissa = 1L << exponent;
                precision = 15 - num.length() - (int) ((float) exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        } else {
            scale = exponent;
            precision = 18 - (num.length() + denom.length());
        }
        if (precision >= 0) {
            scale -= denom.length();
            if (scale >= -9) {
                String shifted = num + denom;
                try {
                    long parsed = Long.parseLong(shifted);
                    long result = Math.multiplyExact(parsed, mantissa);
                    if (!positive) {
                        result = -result;
                    }
                    boolean canonical = binary
                            ? exponent % 10 == 0 && (parsed & 0x07) != 0
                            : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
                    return new KubeQuantity(value, format, result, scale, canonical ? str : null);
                } catch (NumberFormatException | ArithmeticException tooBig) {
                    return new KubeQuantity(value, format, null, null, null);
                }
            }
        }
        return new KubeQuantity(value, format, null, null, null);
    }

    int compareTo(KubeQuantity other) {
        return value.compareTo(other.value);
    }

    boolean isPositive() {
        return value.signum() > 0;
    }

    /** The canonical string Go's Quantity.String() gives, as used in validation messages. */
    String canonical() {
        if (cached != null) {
            return cached;
        }
        return CanonicalQuantity.format(value, format);
    }
}
