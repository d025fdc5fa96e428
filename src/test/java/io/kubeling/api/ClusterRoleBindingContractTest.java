package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ClusterRoleBindingContractTest extends ResourceContract {

    @Override
    String resource() {
        return "clusterrolebindings";
    }

    @Override
    String kind() {
        return "ClusterRoleBinding";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    String group() {
        return "rbac.authorization.k8s.io";
    }

    /** RBAC names are path segments: anything but '.', '..' and names with '/' or '%'. */
    @Override
    String invalidName() {
        return "bad%name";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode binding = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1")
                .put("kind", "ClusterRoleBinding");
        binding.putObject("metadata").put("name", name);
        binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole")
                .put("name", "view");
        binding.putArray("subjects").addObject().put("kind", "Group").put("name", "viewers-" + name)
                .put("apiGroup", "rbac.authorization.k8s.io");
        return binding;
    }
}
