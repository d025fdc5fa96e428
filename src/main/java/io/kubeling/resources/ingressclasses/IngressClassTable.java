package io.kubeling.resources.ingressclasses;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printIngressClass: the controller, and the parameters as {@code Kind.group/name}. */
public class IngressClassTable implements TableConvertor<IngressClass> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Controller", "Controller that is responsible for handling this class"),
            StandardColumns.column("Parameters", "A reference to a resource with additional parameters"),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(IngressClass ingressClass, Instant now) {
        String parameters = "<none>";
        IngressClassParametersReference ref = ingressClass.getSpec() == null ? null
                : ingressClass.getSpec().getParameters();
        if (ref != null) {
            parameters = ref.getKind() + (ref.getApiGroup() != null ? "." + ref.getApiGroup() : "") + "/"
                    + ref.getName();
        }
        String controller = ingressClass.getSpec() == null || ingressClass.getSpec().getController() == null ? ""
                : ingressClass.getSpec().getController();
        return List.of(ingressClass.getMetadata().getName(), controller, parameters,
                Ages.since(ingressClass.getMetadata().getCreationTimestamp(), now));
    }
}
