package io.kubeling.resources.common;

import java.util.concurrent.CompletableFuture;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/**
 * Posts a JSON review to a webhook over HTTPS as kube-apiserver's webhook client does (its url or Service, its
 * caBundle, {@code ?timeout=}), for the callers outside admission: CRD conversion.
 */
public interface WebhookPoster {

    /**
     * Posts {@code review}, completing with the response's body, or exceptionally with an exception whose message
     * is client-go's error prefixed by {@code failed to call webhook: }, as admission reports it.
     */
    CompletableFuture<byte[]> post(WebhookClientConfig config, byte[] review, int timeoutSeconds);
}
