package io.kubeling.registry.fields;

/** What changed between two versions of an object, as structured-merge-diff's Compare reports it. */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    Comparison() {
        this(new FieldSet(), new FieldSet(), new FieldSet());
    }

    /** The fields this change sets: modified or added. */
    FieldSet changed() {
        return modified.union(added);
    }

    Comparison filter(java.util.function.UnaryOperator<FieldSet> filter) {
        return new Comparison(filter.apply(added), filter.apply(modified), filter.apply(removed));
    }

    boolean isSame() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }
}
