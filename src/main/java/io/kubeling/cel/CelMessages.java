package io.kubeling.cel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** cel-java's error texts rewritten as cel-go words them, since kube's messages quote cel-go. */
final class CelMessages {

    private static final Pattern CANDIDATES = Pattern.compile(" \\(candidates: [^\\n]*\\)");
    private static final Pattern EVAL_PREFIX = Pattern.compile("^evaluation error(?: at [^:]+:\\d+)?: ");
    private static final Pattern NO_KEY = Pattern.compile("key '(.*)' is not present in map\\.?");
    private static final Pattern INDEX = Pattern.compile("Index out of bounds: (-?\\d+)");

    private CelMessages() {
    }

    static String compileErrors(String issues) {
        return CANDIDATES.matcher(issues).replaceAll("");
    }

    static String evaluationError(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = EVAL_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
        if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            return iae.getMessage();
        }
        Matcher k = NO_KEY.matcher(m);
        if (k.matches()) {
            return "no such key: " + k.group(1);
        }
        Matcher i = INDEX.matcher(m);
        if (i.matches()) {
            return "index out of bounds: " + i.group(1);
        }
        if (m.equals("/ by zero")) {
            return "division by zero";
        }
        if (m.equals("% by zero")) {
            return "modulus by zero";
        }
        if (m.equals("long overflow") || m.equals("integer overflow")) {
            return "integer overflow";
        }
        return m;
    }
}
