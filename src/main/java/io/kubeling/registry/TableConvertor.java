package io.kubeling.registry;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Server-side printing of one resource, as kube-apiserver's table convertors: the columns
 * {@code kubectl get} shows, and one row of cells per object.
 */
public interface TableConvertor<T extends HasMetadata> {

    List<TableColumn> columns();

    /** The cells of one row, in column order: Strings, Integers/Longs, Booleans, as kube's printers give them. */
    List<Object> cells(T object, Instant now);
}
