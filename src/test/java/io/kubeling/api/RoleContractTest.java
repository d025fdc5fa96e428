package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class RoleContractTest extends ResourceContract {

    @Override
    String resource() {
        return "roles";
    }

    @Override
    String kind() {
        return "Role";
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
        ObjectNode role = JSON.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "Role");
        role.putObject("metadata").put("name", name);
        ObjectNode rule = role.putArray("rules").addObject();
        rule.putArray("apiGroups").add("");
        rule.putArray("resources").add("configmaps");
        rule.putArray("verbs").add("get");
        return role;
    }
}
