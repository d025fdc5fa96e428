package io.kubeling.resources.webhookconfigurations;

import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printMutatingWebhook and printValidatingWebhook: how many webhooks a configuration holds. */
class WebhookConfigurationTable<T extends HasMetadata> implements TableConvertor<T> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Webhooks", "integer", "", "Webhooks indicates the number of webhooks registered in this "
                    + "configuration", 0),
            StandardColumns.AGE);

    private final ToIntFunction<T> webhooks;

    WebhookConfigurationTable(ToIntFunction<T> webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(T configuration, Instant now) {
        String name = configuration.getMetadata().getName();
        return List.of(name == null ? "" : name, (long) webhooks.applyAsInt(configuration),
                Ages.since(configuration.getMetadata().getCreationTimestamp(), now));
    }
}
