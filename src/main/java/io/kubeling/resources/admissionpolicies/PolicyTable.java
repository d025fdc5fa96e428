package io.kubeling.resources.admissionpolicies;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printValidatingAdmissionPolicy: how many validations, and the kind of its parameters. */
class PolicyTable implements TableConvertor<ValidatingAdmissionPolicy> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Validations", "integer", "",
                    "Validations indicates the number of validation rules defined in this configuration", 0),
            StandardColumns.column("ParamKind",
                    "ParamKind specifies the kind of resources used to parameterize this policy"),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ValidatingAdmissionPolicy policy, Instant now) {
        String name = policy.getMetadata().getName();
        long validations = policy.getSpec() == null || policy.getSpec().getValidations() == null ? 0
                : policy.getSpec().getValidations().size();
        ParamKind kind = policy.getSpec() == null ? null : policy.getSpec().getParamKind();
        String paramKind = kind == null ? "<unset>" : nz(kind.getApiVersion()) + "/" + nz(kind.getKind());
        return List.of(name == null ? "" : name, validations, paramKind,
                Ages.since(policy.getMetadata().getCreationTimestamp(), now));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
