package io.kubeling.resources.customresources.schema;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.kubeling.registry.validation.GoQuote;
import tools.jackson.databind.JsonNode;

/** A JSON value printed as kube prints the unstructured value in a field error (Go's %v, or %#v for composites). */
final class GoValue {

    private final String text;

    private GoValue(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** What a FieldError should carry for this JSON value: a String stays one, to be quoted. */
    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return new GoValue(node.isContainer() ? sharp(node) : plain(node));
    }

    static Object number(double d) {
        return new GoValue(formatFloat(d));
    }

    /** Go's %v of a float64: shortest representation, exponent form below 1e-4 and from 1e21. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            BigDecimal mantissa = b.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return b.toPlainString();
    }

    private static String plain(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return formatFloat(node.doubleValue());
        }
        return node.asString();
    }

    /** Go's %#v of an unstructured map or slice. */
    static String sharp(JsonNode node) {
        if (node == null || node.isNull()) {
            return "interface {}(nil)";
        }
        if (node.isString()) {
            return GoQuote.quote(node.stringValue());
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            StringBuilder s = new StringBuilder("map[string]interface {}{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                s.append(first ? "" : ", ").append(GoQuote.quote(e.getKey())).append(':').append(sharp(e.getValue()));
                first = false;
            }
            return s.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder s = new StringBuilder("[]interface {}{");
            for (int i = 0; i < node.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(sharp(node.get(i)));
            }
            return s.append('}').toString();
        }
        return plain(node);
    }
}
