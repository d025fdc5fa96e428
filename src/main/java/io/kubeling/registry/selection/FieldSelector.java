package io.kubeling.registry.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A parsed field selector: {@code field=value} and {@code field!=value} terms, all of which must hold. */
public record FieldSelector(List<Term> terms) {

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public record Term(String field, boolean equals, String value) {
        boolean matches(Map<String, String> fields) {
            boolean same = Objects.equals(fields.get(field), value);
            return equals == same;
        }
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text, ',')) {
            if (part.isEmpty()) {
                continue;
            }
            int ne = indexUnescaped(part, "!=");
            int eqeq = indexUnescaped(part, "==");
            int eq = indexUnescaped(part, "=");
            if (ne >= 0) {
                terms.add(new Term(part.substring(0, ne).trim(), false, unescape(part.substring(ne + 2))));
            } else if (eqeq >= 0) {
                terms.add(new Term(part.substring(0, eqeq).trim(), true, unescape(part.substring(eqeq + 2))));
            } else if (eq >= 0) {
                terms.add(new Term(part.substring(0, eq).trim(), true, unescape(part.substring(eq + 1))));
            } else {
                throw new SelectorException("invalid selector: '" + text + "'; can't understand '" + part + "'");
            }
        }
        return new FieldSelector(List.copyOf(terms));
    }

    /** Fails with kube's message when a term names a field outside {@code supported}. */
    public void checkSupported(Set<String> supported) {
        for (Term t : terms) {
            if (!supported.contains(t.field())) {
                throw new SelectorException("field label not supported: " + t.field());
            }
        }
    }

    public boolean matches(Map<String, String> fields) {
        for (Term t : terms) {
            if (!t.matches(fields)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value this selector requires for {@code field}, when it requires exactly one. */
    public String requiredValue(String field) {
        for (Term t : terms) {
            if (t.equals() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }

    private static List<String> splitUnescaped(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int indexUnescaped(String s, String op) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
