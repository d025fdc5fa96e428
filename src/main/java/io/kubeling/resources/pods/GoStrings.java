package io.kubeling.resources.pods;

import io.kubeling.registry.validation.GoQuote;

/** Go's string quoting as go-cmp uses it when printing values. */
final class GoStrings {

    private GoStrings() {
    }

    /**
     * go-cmp's string literal: a double-quoted string when nothing needs escaping, otherwise a
     * backtick raw string if that can hold it, otherwise the escaped double-quoted form.
     */
    static String literal(String s) {
        String quoted = GoQuote.quote(s);
        if (quoted.length() == s.length() + 2) {
            return quoted;
        }
        boolean rawOk = s.codePoints().noneMatch(c -> c == '`' || c == '\n' || !(GoQuote.isPrint(c) || c == '\t'));
        return rawOk ? "`" + s + "`" : quoted;
    }
}
