package io.kubeling.controllers.kubelet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import tools.jackson.databind.JsonNode;

/**
 * The kubelet's TokenRequest for a pod's projected service-account token: {@code serviceaccounts/token} for the
 * pod's account, bound to the pod by name and uid, asked as the node's user, so that the Node authorizer and
 * NodeRestriction judge it as they judge kube's kubelet. The token is the API's, and authenticates as the account
 * for as long as the pod lives.
 */
final class PodTokens {

    private static final Logger log = LoggerFactory.getLogger(PodTokens.class);
    private static final GroupResource SERVICE_ACCOUNTS = new GroupResource("", "serviceaccounts");

    private final Supplier<SubresourceEndpoints> endpoints;
    private final ComponentAuthorization access;
    private final ObjectCodec codec;
    private final Registry registry;

    PodTokens(Registry registry, Supplier<SubresourceEndpoints> endpoints, ComponentAuthorization access,
            ObjectCodec codec) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.access = access;
        this.codec = codec;
    }

    private boolean stillThere(Pod pod) {
        try {
            return pod.getMetadata().getUid().equals(registry.store(Pod.class).peek(pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName()).getMetadata().getUid());
        } catch (StatusException e) {
            return false;
        }
    }

    /** The token, or empty when it is refused (the account is gone, the pod was replaced): no file then. */
    Optional<String> request(String node, Pod pod, String audience, Long expirationSeconds) {
        SubresourceEndpoint endpoint = endpoints.get().find(SERVICE_ACCOUNTS, "token").orElse(null);
        if (endpoint == null) {
            return Optional.empty();
        }
        String namespace = pod.getMetadata().getNamespace();
        if (!stillThere(pod)) {
            // deleted or replaced meanwhile: asking would be refused, as for a pod not on this node
            return Optional.empty();
        }
        String account = pod.getSpec().getServiceAccountName() == null ? "default"
                : pod.getSpec().getServiceAccountName();
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("kind", "Pod");
        bound.put("apiVersion", "v1");
        bound.put("name", pod.getMetadata().getName());
        bound.put("uid", pod.getMetadata().getUid());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("audiences", audience == null || audience.isEmpty() ? List.of() : List.of(audience));
        spec.put("expirationSeconds", expirationSeconds == null ? 3600L : expirationSeconds);
        spec.put("boundObjectRef", bound);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("apiVersion", "authentication.k8s.io/v1");
        request.put("kind", "TokenRequest");
        request.put("metadata", Map.of("name", account, "namespace", namespace));
        request.put("spec", spec);
        JsonNode body = codec.mapper().valueToTree(request);
        WriteOptions kubelet = Managers.kubelet(node);
        try {
            Object reply = access.call(kubelet.user(), "create", SERVICE_ACCOUNTS, "v1", "token", namespace,
                    account, () -> endpoint.create(new SubresourceCall(namespace, account, Map.of(), body, kubelet))
                            .body());
            JsonNode answer = codec.mapper().valueToTree(reply);
            String token = answer.path("status").path("token").asString("");
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (StatusException e) {
            log.debug("no token for pod {}/{}: {}", namespace, pod.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
