package io.kubeling.resources.podtemplates;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printPodTemplate: containers and images shown by default, and the template's labels. */
public class PodTemplateTable implements TableConvertor<PodTemplate> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Containers", "Names of each container in the template."),
            StandardColumns.column("Images", "Images referenced by each container in the template."),
            StandardColumns.column("Pod Labels", "The labels for the pod template."));

    public PodTemplateTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(PodTemplate template, Instant now) {
        var spec = template.getTemplate();
        var labels = spec == null || spec.getMetadata() == null ? null : spec.getMetadata().getLabels();
        return List.of(template.getMetadata().getName() == null ? "" : template.getMetadata().getName(),
                ContainerCells.names(spec), ContainerCells.images(spec), SelectorText.ofLabels(labels));
    }
}
