package io.kubeling.api;

/**
 * What a client's Accept header asks an answer to be: its encoding and, when it asks for one of
 * meta.k8s.io's views of objects (Table, PartialObjectMetadata, PartialObjectMetadataList), that
 * view's kind and version.
 */
record ResponseTarget(WireFormat format, String view, String version) {

    static final String TABLE = "Table";
    static final String PARTIAL = "PartialObjectMetadata";
    static final String PARTIAL_LIST = "PartialObjectMetadataList";

    boolean is(String kind) {
        return kind.equals(view);
    }
}
