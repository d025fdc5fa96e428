package io.kubeling.registry;

import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/** Options of a list: selectors, paging, and which resourceVersion to read at. */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, long limit, String continueToken,
        String resourceVersion, String resourceVersionMatch) {

    public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null,
            null, null);

    /**
     * Whether a client's list with these options is a consistent read, which must see every write committed
     * before it: no resourceVersion and no continue token (which reads at its own revision).
     */
    public boolean consistentRead() {
        return (resourceVersion == null || resourceVersion.isEmpty())
                && (continueToken == null || continueToken.isEmpty());
    }

    /** Every object whose fields match a selector, such as {@code spec.nodeName=node-1}. */
    public static ListOptions withFields(String fieldSelector) {
        return new ListOptions(LabelSelector.EVERYTHING, FieldSelector.parse(fieldSelector), 0, null, null, null);
    }
}
