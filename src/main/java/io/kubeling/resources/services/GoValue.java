package io.kubeling.resources.services;

import java.util.List;
import java.util.stream.Collectors;

import io.kubeling.registry.validation.GoQuote;

/**
 * A field error value printed as Go's {@code %#v} prints it, for the slices and structs kube puts in service
 * errors (a plain string would be quoted as a whole instead).
 */
record GoValue(String text) {

    /** What kube prints for a nil pointer value: the string "null", quoted like any other string. */
    static final String NIL = "null";

    static GoValue strings(List<String> values) {
        return slice("string", values);
    }

    static GoValue ipFamilies(List<String> values) {
        return slice("core.IPFamily", values);
    }

    /** The protocol-and-port key kube reports for a duplicate service port. */
    static GoValue servicePortKey(String protocol, int port) {
        return new GoValue("core.ServicePort{Name:\"\", Protocol:" + quote(protocol)
                + ", AppProtocol:(*string)(nil), Port:" + port
                + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
    }

    static Object pointer(String value) {
        return value == null ? NIL : value;
    }

    private static GoValue slice(String type, List<String> values) {
        // The fabric8 model cannot tell an empty list from an absent one; an absent one is what a client sends.
        if (values == null || values.isEmpty()) {
            return new GoValue("[]" + type + "(nil)");
        }
        return new GoValue(values.stream().map(GoValue::quote).collect(Collectors.joining(", ", "[]" + type + "{", "}")));
    }

    @Override
    public String toString() {
        return text;
    }

    /** A nil Go string prints as the empty one. */
    private static String quote(String s) {
        return GoQuote.quote(s == null ? "" : s);
    }
}
