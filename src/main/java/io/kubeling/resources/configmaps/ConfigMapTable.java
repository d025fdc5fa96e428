package io.kubeling.resources.configmaps;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printConfigMap: how many keys it holds, text and binary together. */
public class ConfigMapTable implements TableConvertor<ConfigMap> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Data", "Data contains the configuration data. Each key must consist of "
                    + "alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the "
                    + "BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData "
                    + "field, this is enforced during validation process."),
            StandardColumns.AGE);

    public ConfigMapTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ConfigMap configMap, Instant now) {
        int data = configMap.getData() == null ? 0 : configMap.getData().size();
        int binaryData = configMap.getBinaryData() == null ? 0 : configMap.getBinaryData().size();
        return List.of(
                configMap.getMetadata().getName() == null ? "" : configMap.getMetadata().getName(),
                (long) (data + binaryData),
                Ages.since(configMap.getMetadata().getCreationTimestamp(), now));
    }
}
