package io.kubeling.registry.patch;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders JSON the way Go's fmt prints decoded JSON ({@code %v}, {@code %T}), so that error messages read like
 * kube-apiserver's, e.g. {@code unknown patch type: foo in map: map[$patch:foo name:a]}.
 */
final class GoFormat {

    private GoFormat() {}

    /** {@code %v}: maps with sorted keys, space-separated lists, numbers as float64. */
    static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<nil>";
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted.entrySet().stream().map(e -> e.getKey() + ":" + value(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (node.isArray()) {
            return values(node.values().stream().toList());
        }
        if (node.isNumber()) {
            return number(node.doubleValue());
        }
        return node.asString();
    }

    static String values(List<JsonNode> nodes) {
        return nodes.stream().map(GoFormat::value).collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code %T} of a decoded JSON value. */
    static String type(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<nil>";
        }
        if (node.isObject()) {
            return "map[string]interface {}";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        if (node.isNumber()) {
            return "float64";
        }
        return node.isBoolean() ? "bool" : "string";
    }

    /** Go's shortest {@code %g}: exponent form below 1e-4 and from 1e+06 on, e.g. 8080, 0.5, 1e+06. */
    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String magnitude = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + magnitude;
        }
        return sign + exact.abs().toPlainString();
    }
}
