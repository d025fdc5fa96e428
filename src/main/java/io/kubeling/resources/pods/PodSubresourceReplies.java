package io.kubeling.resources.pods;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;

/** The Success Status that kube answers a binding or an eviction with, its code set to the HTTP one. */
final class PodSubresourceReplies {

    private PodSubresourceReplies() {
    }

    static Status success(int code) {
        Status status = new Status();
        status.setApiVersion("v1");
        status.setKind("Status");
        status.setMetadata(new ListMeta());
        status.setStatus("Success");
        status.setCode(code);
        return status;
    }
}
