package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ResourceQuotaContractTest extends ResourceContract {

    @Override
    String resource() {
        return "resourcequotas";
    }

    @Override
    String kind() {
        return "ResourceQuota";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode quota = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ResourceQuota");
        quota.putObject("metadata").put("name", name);
        quota.putObject("spec").putObject("hard").put("configmaps", "50");
        return quota;
    }
}
