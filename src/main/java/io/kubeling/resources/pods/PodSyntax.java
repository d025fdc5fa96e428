package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

/**
 * The value rules pod validation needs beyond names and network values ({@code NetworkSyntax}): ranges, IDs and
 * environment variable names, each returning kube's messages (empty when valid).
 */
final class PodSyntax {

    private PodSyntax() {
    }

    static String inclusiveRange(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** User and group IDs: 0 to 2147483647. */
    static List<String> id(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? List.of() : List.of(inclusiveRange(0, Integer.MAX_VALUE));
    }

    /**
     * Environment variable names as kube validates them with RelaxedEnvironmentVariableValidation
     * (on by default since 1.32, GA in 1.34): any printable ASCII except '='.
     */
    static List<String> envVarName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.isEmpty()) {
            errs.add("environment variable name must be non-empty");
        }
        for (char c : name.toCharArray()) {
            if (c > 0x7e || c < 0x20 || c == '=') {
                errs.add("a valid environment variable name must consist only of printable ASCII characters "
                        + "other than '='");
                break;
            }
        }
        return errs;
    }
}
