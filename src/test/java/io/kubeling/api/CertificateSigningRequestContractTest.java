package io.kubeling.api;

import io.kubeling.support.TestCsrs;
import tools.jackson.databind.node.ObjectNode;

class CertificateSigningRequestContractTest extends ResourceContract {

    private static final String REQUEST = TestCsrs.base64Request("CN=contract,O=dev");

    @Override
    String resource() {
        return "certificatesigningrequests";
    }

    @Override
    String kind() {
        return "CertificateSigningRequest";
    }

    @Override
    String group() {
        return "certificates.k8s.io";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    /** kube accepts any name a path segment can hold: not one with a percent sign. */
    @Override
    String invalidName() {
        return "not%valid";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.putObject("spec").put("request", REQUEST).put("signerName", "example.com/contract")
                .putArray("usages").add("client auth");
        return object;
    }
}
