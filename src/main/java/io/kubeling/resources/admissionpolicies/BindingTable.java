package io.kubeling.resources.admissionpolicies;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/**
 * kube's printValidatingAdmissionPolicyBinding: the policy bound and its parameter, a star for the namespace when the
 * binding names no namespace, a selector as Go's generated String() prints it.
 */
class BindingTable implements TableConvertor<ValidatingAdmissionPolicyBinding> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("PolicyName",
                    "PolicyName indicates the policy definition which the policy binding binded to"),
            StandardColumns.column("ParamRef",
                    "ParamRef indicates the param resource which sets the configration param"),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ValidatingAdmissionPolicyBinding binding, Instant now) {
        String name = binding.getMetadata().getName();
        String policy = binding.getSpec() == null || binding.getSpec().getPolicyName() == null ? ""
                : binding.getSpec().getPolicyName();
        return List.of(name == null ? "" : name, policy, paramRef(binding.getSpec() == null ? null
                : binding.getSpec().getParamRef()), Ages.since(binding.getMetadata().getCreationTimestamp(), now));
    }

    static String paramRef(ParamRef ref) {
        if (ref == null) {
            return "<unset>";
        }
        if (ref.getName() != null && !ref.getName().isEmpty()) {
            boolean namespaced = ref.getNamespace() != null && !ref.getNamespace().isEmpty();
            return (namespaced ? ref.getNamespace() : "*") + "/" + ref.getName();
        }
        return ref.getSelector() == null ? "<unset>" : goString(ref.getSelector());
    }

    private static String goString(LabelSelector selector) {
        StringBuilder labels = new StringBuilder("map[string]string{");
        Map<String, String> sorted = new TreeMap<>(selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels());
        sorted.forEach((k, v) -> labels.append(k).append(": ").append(v).append(','));
        labels.append('}');
        StringBuilder expressions = new StringBuilder("[]LabelSelectorRequirement{");
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            expressions.append("LabelSelectorRequirement{Key:").append(nz(r.getKey())).append(",Operator:")
                    .append(nz(r.getOperator())).append(",Values:[")
                    .append(String.join(" ", r.getValues() == null ? List.of() : r.getValues())).append("],},");
        }
        expressions.append('}');
        return "&LabelSelector{MatchLabels:" + labels + ",MatchExpressions:" + expressions + ",}";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
