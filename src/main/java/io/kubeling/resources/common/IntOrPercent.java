package io.kubeling.resources.common;

import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubeling.registry.validation.FieldError;

/** kube's apps validation of int-or-percent fields (maxUnavailable, maxSurge), with its messages. */
public final class IntOrPercent {

    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private IntOrPercent() {
    }

    /** ValidatePositiveIntOrPercent. */
    public static void positive(List<FieldError> errs, IntOrString value, String path) {
        if (value == null) {
            return;
        }
        if (value.getStrVal() != null) {
            if (!PERCENT.matcher(value.getStrVal()).matches()) {
                errs.add(FieldError.invalid(path, text(value), "a valid percent string must be a numeric string "
                        + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            }
        } else if (value.getIntVal() != null && value.getIntVal() < 0) {
            errs.add(FieldError.invalid(path, (long) value.getIntVal(), "must be greater than or equal to 0"));
        }
    }

    /** IsNotMoreThan100Percent. */
    public static void notMoreThan100Percent(List<FieldError> errs, IntOrString value, String path) {
        if (isPercent(value) && value(value) > 100) {
            errs.add(FieldError.invalid(path, text(value), "must not be greater than 100%"));
        }
    }

    /**
     * getIntOrPercentValue: the number, the percentage's number, or a string that is no percentage as a number
     * (IntOrString's IntValue); 0 when it reads as none.
     */
    public static int value(IntOrString v) {
        if (v == null) {
            return 0;
        }
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        return isPercent(v) ? percent(v) : atoi(v.getStrVal());
    }

    private static int percent(IntOrString v) {
        return atoi(v.getStrVal().substring(0, v.getStrVal().length() - 1));
    }

    /** Go's strconv.Atoi with its error dropped. */
    private static int atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** intstr.GetScaledValueFromIntOrPercent: a number as is, a percentage of {@code total}, rounded as asked. */
    public static int scaled(IntOrString v, int total, boolean roundUp) {
        if (v == null) {
            return 0;
        }
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        long percent = isPercent(v) ? percent(v) : 0;
        long product = percent * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }

    private static boolean isPercent(IntOrString v) {
        return v != null && v.getStrVal() != null && PERCENT.matcher(v.getStrVal()).matches();
    }

    /** An IntOrString prints through its String method, unquoted. */
    public static Object text(IntOrString v) {
        String s = v == null ? "0" : v.getStrVal() != null ? v.getStrVal() : String.valueOf(v.getIntVal());
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }
}
