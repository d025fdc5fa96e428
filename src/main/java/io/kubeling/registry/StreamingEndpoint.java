package io.kubeling.registry;

import java.util.List;

/**
 * A subresource served as a stream after an HTTP upgrade ({@code pods/exec}, {@code pods/attach},
 * {@code pods/portforward}), as kube's connecters are: {@link #open} checks the request and names
 * what to connect to, with kube's errors, before the API layer upgrades the connection; nothing
 * starts until the API layer starts the target. A GET or POST that asks for no upgrade is checked
 * the same way and then refused, as kube refuses it.
 */
public interface StreamingEndpoint extends SubresourceEndpoint {

    /** Checks the request and names its target; throws kube's Status errors. Starts nothing. */
    StreamTarget open(SubresourceCall call);

    @Override
    default List<String> verbs() {
        return List.of("create", "get");
    }

    @Override
    default SubresourceReply get(SubresourceCall call) {
        open(call);
        throw Errors.badRequest("Upgrade request required");
    }

    @Override
    default SubresourceReply create(SubresourceCall call) {
        open(call);
        throw Errors.badRequest("Upgrade request required");
    }
}
