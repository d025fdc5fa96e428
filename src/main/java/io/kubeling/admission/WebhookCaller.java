package io.kubeling.admission;

import java.util.concurrent.CompletableFuture;

/** Sends an AdmissionReview to a webhook's endpoint; tests put a fake in its place. */
interface WebhookCaller {

    /**
     * Posts {@code review} to the webhook, completing with the response's body, or exceptionally with a
     * {@link CallFailure} saying why the call failed (kube's {@code Post "url": reason}).
     */
    CompletableFuture<byte[]> post(Webhook hook, byte[] review, int timeoutSeconds);
}
