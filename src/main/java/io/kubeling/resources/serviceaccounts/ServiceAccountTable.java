package io.kubeling.resources.serviceaccounts;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printServiceAccount: how many secrets the account lists. */
public class ServiceAccountTable implements TableConvertor<ServiceAccount> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Secrets", "Secrets is a list of the secrets in the same namespace that pods "
                    + "running using this ServiceAccount are allowed to use. Pods are only limited to this list if this "
                    + "service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". "
                    + "The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer "
                    + "separate namespaces to isolate access to mounted secrets. This field should not be used to find "
                    + "auto-generated service account token secrets for use outside of pods. Instead, tokens can be "
                    + "requested directly using the TokenRequest API, or service account token secrets can be manually "
                    + "created. More info: https://kubernetes.io/docs/concepts/configuration/secret"),
            StandardColumns.AGE);

    public ServiceAccountTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ServiceAccount account, Instant now) {
        return List.of(
                account.getMetadata().getName() == null ? "" : account.getMetadata().getName(),
                (long) (account.getSecrets() == null ? 0 : account.getSecrets().size()),
                Ages.since(account.getMetadata().getCreationTimestamp(), now));
    }
}
