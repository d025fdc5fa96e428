package io.kubeling.cel;

import java.util.List;

/**
 * The largest sizes a variable's values may have, from the schema that types them: the cost of an
 * expression over a list or string grows with its size.
 */
public interface CelSizes {

    /** kube's bound when a schema declares none: the largest request body, 3 MiB. */
    long UNBOUNDED = 3 * 1024 * 1024;

    /**
     * The largest size (elements, entries or characters) of the value reached from variable
     * {@code path.get(0)} by the field names that follow; "@items" steps into list or map values.
     */
    long maxSize(List<String> path);

    CelSizes NONE = path -> UNBOUNDED;
}
