package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class SecretContractTest extends ResourceContract {

    @Override
    String resource() {
        return "secrets";
    }

    @Override
    String kind() {
        return "Secret";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode secret = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name);
        secret.putObject("data").put("password", "czNjcmV0");
        return secret;
    }
}
