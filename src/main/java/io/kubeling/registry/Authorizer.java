package io.kubeling.registry;

/**
 * Decides whether a user may make a request, as kube's authorizer.Authorizer. The HTTP layer asks it for every
 * request after authentication; the access-review APIs ask it on a caller's behalf.
 */
public interface Authorizer {

    Decision authorize(Attributes request);

    /** kube's authorizer.Attributes: a resource request names group, resource, namespace and name; others a path. */
    /** A request's attributes; {@code fieldSelector} is a list's or watch's, as sent, else empty. */
    record Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String apiVersion,
            String resource, String subresource, String namespace, String name, String path, String fieldSelector) {

        public Attributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String apiVersion,
                String resource, String subresource, String namespace, String name, String path) {
            this(user, verb, resourceRequest, apiGroup, apiVersion, resource, subresource, namespace, name, path, "");
        }
    }

    /** kube's three answers; the reason is what a 403 and an access review report. */
    record Decision(Outcome outcome, String reason) {

        public static final Decision ALLOW = new Decision(Outcome.ALLOW, "");

        public static Decision noOpinion(String reason) {
            return new Decision(Outcome.NO_OPINION, reason);
        }

        public boolean allowed() {
            return outcome == Outcome.ALLOW;
        }
    }

    enum Outcome {
        ALLOW, DENY, NO_OPINION
    }

    /** Authorization off: every request is allowed, kube's AlwaysAllow mode. */
    Authorizer ALWAYS_ALLOW = request -> Decision.ALLOW;
}
