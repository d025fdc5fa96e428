package io.kubeling.registry.authentication;

/**
 * A credential that was presented and did not hold: the request gets 401 whatever else it carries, and the reason
 * goes only where kube puts it (a TokenReview's status, the server's log), never into the 401's body.
 */
public class InvalidCredential extends RuntimeException {

    public InvalidCredential(String reason) {
        super(reason, null, false, false);
    }
}
