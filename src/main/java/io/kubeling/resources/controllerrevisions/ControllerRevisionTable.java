package io.kubeling.resources.controllerrevisions;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printControllerRevision: the controller as {@code kind.group/name}, and the revision number. */
public class ControllerRevisionTable implements TableConvertor<ControllerRevision> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Controller", "Controller of the object"),
            StandardColumns.column("Revision", "Revision indicates the revision of the state represented by Data."),
            StandardColumns.AGE);

    public ControllerRevisionTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ControllerRevision revision, Instant now) {
        return List.of(
                revision.getMetadata().getName() == null ? "" : revision.getMetadata().getName(),
                controller(revision),
                revision.getRevision() == null ? 0L : revision.getRevision(),
                Ages.since(revision.getMetadata().getCreationTimestamp(), now));
    }

    /** formatResourceName with the kind: {@code statefulset.apps/web}, {@code <none>} without a controller. */
    private static String controller(ControllerRevision revision) {
        for (OwnerReference ref : revision.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController())) {
                String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
                int slash = apiVersion.indexOf('/');
                String group = slash < 0 ? "" : apiVersion.substring(0, slash);
                String kind = ref.getKind() == null ? "" : ref.getKind();
                String groupKind = group.isEmpty() ? kind : kind + "." + group;
                return groupKind.toLowerCase(Locale.ROOT) + "/" + ref.getName();
            }
        }
        return "<none>";
    }
}
