package io.kubeling.resources.rbac;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleList;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.RoleList;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.common.CreatedAtTable;

/** The four kinds of rbac.authorization.k8s.io/v1; roles print kube's default table, bindings their own. */
@Configuration(proxyBeanMethods = false)
public class RbacResources {

    public static final String GROUP = "rbac.authorization.k8s.io";

    @Bean
    public ResourceDefinition<Role> roles() {
        return new ResourceDefinition<>(GROUP, "v1", "roles", "role", "Role", true, List.of(), List.of(),
                Role.class, RoleList.class, new RoleStrategy(), Map.of(), new CreatedAtTable<>());
    }

    @Bean
    public ResourceDefinition<ClusterRole> clusterroles() {
        return new ResourceDefinition<>(GROUP, "v1", "clusterroles", "clusterrole", "ClusterRole", false, List.of(),
                List.of(), ClusterRole.class, ClusterRoleList.class, new ClusterRoleStrategy(), Map.of(),
                new CreatedAtTable<>());
    }

    @Bean
    public ResourceDefinition<RoleBinding> rolebindings() {
        return new ResourceDefinition<>(GROUP, "v1", "rolebindings", "rolebinding", "RoleBinding", true, List.of(),
                List.of(), RoleBinding.class, RoleBindingList.class, BindingStrategy.roleBindings(), Map.of(),
                BindingTable.roleBindings());
    }

    @Bean
    public ResourceDefinition<ClusterRoleBinding> clusterrolebindings() {
        return new ResourceDefinition<>(GROUP, "v1", "clusterrolebindings", "clusterrolebinding",
                "ClusterRoleBinding", false, List.of(), List.of(), ClusterRoleBinding.class,
                ClusterRoleBindingList.class, BindingStrategy.clusterRoleBindings(), Map.of(),
                BindingTable.clusterRoleBindings());
    }
}
