package io.kubeling.resources.secrets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printSecret: the type and how many keys the data holds, never the data itself. */
public class SecretTable implements TableConvertor<Secret> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Type", "Used to facilitate programmatic handling of secret data. More info: "
                    + "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
            StandardColumns.column("Data", "Data contains the secret data. Each key must consist of alphanumeric "
                    + "characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, "
                    + "representing the arbitrary (possibly non-string) data value here. Described in "
                    + "https://tools.ietf.org/html/rfc4648#section-4"),
            StandardColumns.AGE);

    public SecretTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Secret secret, Instant now) {
        return List.of(
                secret.getMetadata().getName() == null ? "" : secret.getMetadata().getName(),
                secret.getType() == null ? "" : secret.getType(),
                (long) (secret.getData() == null ? 0 : secret.getData().size()),
                Ages.since(secret.getMetadata().getCreationTimestamp(), now));
    }
}
