package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

import io.kubeling.registry.validation.GoQuote;

/**
 * Go's {@code %#v} rendering of a value, which kube uses when a whole struct is the invalid value
 * of a field error. Go prints non-nil pointers as memory addresses; a fixed stand-in address is
 * printed here instead.
 */
record GoSyntax(GoValue value) {

    private static final String ADDRESS = "0xc000000000";

    @Override
    public String toString() {
        return render(value);
    }

    private static String render(GoValue v) {
        if (v instanceof GoValue.Str s) {
            return GoQuote.quote(s.value());
        }
        if (v instanceof GoValue.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof GoValue.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof GoValue.Ptr p) {
            return "(" + p.type().name() + ")(" + (p.elem() == null ? "nil" : ADDRESS) + ")";
        }
        if (v instanceof GoValue.Slice s) {
            if (s.elems() == null) {
                return s.type().name() + "(nil)";
            }
            List<String> parts = new ArrayList<>();
            s.elems().forEach(e -> parts.add(render(e)));
            return s.type().name() + "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof GoValue.MapV m) {
            if (m.entries() == null) {
                return m.type().name() + "(nil)";
            }
            List<String> parts = new ArrayList<>();
            m.entries().forEach((k, e) -> parts.add(GoQuote.quote(k) + ":" + render(e)));
            return m.type().name() + "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof GoValue.Struct s) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < s.fields().size(); i++) {
                parts.add(s.type().fields().get(i).name() + ":" + render(s.fields().get(i)));
            }
            return s.type().name() + "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof GoValue.Quantity q) {
            return render(q.shape());
        }
        return render(((GoValue.Opaque) v).shape());
    }
}
