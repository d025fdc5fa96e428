package io.kubeling.registry.fields;

import io.kubeling.registry.validation.GoQuote;

/**
 * Who owns a set of fields, as kube keys a managedFields entry: the manager's name, the operation
 * ({@code Apply} or {@code Update}), the API version (for updates only, since an applier owns its fields
 * whatever version it applied in) and the subresource written.
 */
public record Manager(String name, String operation, String apiVersion, String subresource) {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    static Manager update(String name, String apiVersion, String subresource) {
        return new Manager(nullToEmpty(name), UPDATE, apiVersion, nullToEmpty(subresource));
    }

    static Manager apply(String name, String subresource) {
        return new Manager(nullToEmpty(name), APPLY, "", nullToEmpty(subresource));
    }

    /** As kube names a manager in conflict messages: {@code "kubectl-edit" using v1}. */
    String describe() {
        StringBuilder s = new StringBuilder(GoQuote.quote(name));
        if (!subresource.isEmpty()) {
            s.append(" with subresource ").append(GoQuote.quote(subresource));
        }
        if (UPDATE.equals(operation)) {
            s.append(" using ").append(apiVersion);
        }
        return s.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
