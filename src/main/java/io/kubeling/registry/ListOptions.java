package io.kubeling.registry;

import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/** Options of a list: selectors, paging, and which resourceVersion to read at. */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, long limit, String continueToken,
        String resourceVersion, String resourceVersionMatch) {

    public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null,
            null, null);

    /** Every object whose fields match a selector, such as {@code spec.nodeName=node-1}. */
    public static ListOptions withFields(String fieldSelector) {
        return new ListOptions(LabelSelector.EVERYTHING, FieldSelector.parse(fieldSelector), 0, null, null, null);
    }
}
