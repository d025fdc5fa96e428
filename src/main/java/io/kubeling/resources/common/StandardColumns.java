package io.kubeling.resources.common;

import io.kubeling.registry.TableColumn;

/**
 * The columns most of kube's printers share. Descriptions are the OpenAPI field descriptions kube
 * takes from the SwaggerDoc of the printed field, here those of kube 1.32.
 */
public final class StandardColumns {

    /** metav1.ObjectMeta{}.SwaggerDoc()["name"]. */
    public static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate name "
            + "automatically. Name is primarily intended for creation idempotence and configuration definition. "
            + "Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]. */
    public static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when "
            + "this object was created. It is not guaranteed to be set in happens-before order across separate "
            + "operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
            + "Populated by the system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static final TableColumn NAME = new TableColumn("Name", "string", "name", NAME_DESCRIPTION, 0);
    public static final TableColumn AGE = new TableColumn("Age", "string", "", AGE_DESCRIPTION, 0);
    public static final TableColumn CONTAINERS = wide("Containers", "Names of each container in the template.");
    public static final TableColumn IMAGES = wide("Images", "Images referenced by each container in the template.");

    private StandardColumns() {
    }

    /** A string column shown by default. */
    public static TableColumn column(String name, String description) {
        return new TableColumn(name, "string", "", description, 0);
    }

    /** A string column shown with {@code -o wide} only. */
    public static TableColumn wide(String name, String description) {
        return new TableColumn(name, "string", "", description, 1);
    }
}
