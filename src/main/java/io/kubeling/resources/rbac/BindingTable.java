package io.kubeling.resources.rbac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printRoleBinding and printClusterRoleBinding: the role as Kind/name, the subjects with -o wide. */
final class BindingTable<T extends HasMetadata> implements TableConvertor<T> {

    private final List<TableColumn> columns;
    private final Function<T, RoleRef> roleRef;
    private final Function<T, List<Subject>> subjects;

    private BindingTable(String kind, String roleDescription, Function<T, RoleRef> roleRef,
            Function<T, List<Subject>> subjects) {
        this.columns = List.of(StandardColumns.NAME,
                StandardColumns.column("Role", roleDescription),
                StandardColumns.AGE,
                StandardColumns.wide("Users", "Users in the " + kind),
                StandardColumns.wide("Groups", "Groups in the " + kind),
                StandardColumns.wide("ServiceAccounts", "ServiceAccounts in the " + kind));
        this.roleRef = roleRef;
        this.subjects = subjects;
    }

    static BindingTable<RoleBinding> roleBindings() {
        return new BindingTable<>("roleBinding", "RoleRef can reference a Role in the current namespace or a "
                + "ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return "
                + "an error.", RoleBinding::getRoleRef, RoleBinding::getSubjects);
    }

    static BindingTable<ClusterRoleBinding> clusterRoleBindings() {
        return new BindingTable<>("clusterRoleBinding", "RoleRef can only reference a ClusterRole in the global "
                + "namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.",
                ClusterRoleBinding::getRoleRef, ClusterRoleBinding::getSubjects);
    }

    @Override
    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(T binding, Instant now) {
        RoleRef ref = roleRef.apply(binding) == null ? new RoleRef() : roleRef.apply(binding);
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> serviceAccounts = new ArrayList<>();
        for (Subject s : Objects.requireNonNullElse(subjects.apply(binding), List.<Subject>of())) {
            switch (Objects.requireNonNullElse(s.getKind(), "")) {
                case "User" -> users.add(s.getName());
                case "Group" -> groups.add(s.getName());
                case "ServiceAccount" -> serviceAccounts.add(Objects.requireNonNullElse(s.getNamespace(), "") + "/"
                        + s.getName());
                default -> {
                }
            }
        }
        return List.of(binding.getMetadata().getName(),
                Objects.requireNonNullElse(ref.getKind(), "") + "/" + Objects.requireNonNullElse(ref.getName(), ""),
                Ages.since(binding.getMetadata().getCreationTimestamp(), now),
                String.join(", ", users), String.join(", ", groups), String.join(", ", serviceAccounts));
    }
}
