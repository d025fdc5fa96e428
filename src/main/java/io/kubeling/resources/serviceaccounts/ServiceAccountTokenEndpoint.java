package io.kubeling.resources.serviceaccounts;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.config.AuthenticationProperties;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.authentication.Authenticators;
import io.kubeling.registry.authentication.ServiceAccountTokens;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST serviceaccounts/{name}/token}, kube's TokenRequest ({@code kubectl create token}): a token for the
 * account for the audiences asked (the API's when none), an hour unless {@code expirationSeconds} says otherwise
 * (at least ten minutes, at most {@code kubeling.authentication.service-account-max-token-expiration}), bound to a
 * Pod, Secret or Node when {@code boundObjectRef} names one. A pod-bound token for the API of 3607 seconds, what the
 * kubelet asks for a projected {@code kube-api-access} volume, holds a year and says when to warn, as kube's
 * {@code --service-account-extend-token-expiration} (on by default) does. Nothing is stored.
 */
@Component
class ServiceAccountTokenEndpoint implements SubresourceEndpoint {

    private static final GroupResource SERVICE_ACCOUNTS = new GroupResource("", "serviceaccounts");
    private static final long DEFAULT_SECONDS = 3600;
    private static final long MIN_SECONDS = 600;
    private static final long MAX_SECONDS = 1L << 32;
    /** kube's ExpirationExtensionSeconds. */
    private static final Duration EXTENDED_EXPIRATION = Duration.ofDays(365);

    private final Registry registry;
    private final ServiceAccountTokens tokens;
    private final Duration maxExpiration;

    ServiceAccountTokenEndpoint(Registry registry, Authenticators authenticators,
            AuthenticationProperties properties) {
        this.registry = registry;
        this.tokens = authenticators.serviceAccountTokens();
        this.maxExpiration = properties.serviceAccountMaxTokenExpiration();
    }

    @Override
    public GroupResource resource() {
        return SERVICE_ACCOUNTS;
    }

    @Override
    public String subresource() {
        return "token";
    }

    @Override
    public KindRef kind() {
        return new KindRef("authentication.k8s.io", "v1", "TokenRequest");
    }

    @Override
    public List<String> verbs() {
        return List.of("create");
    }

    @Override
    public SubresourceReply create(SubresourceCall call) {
        JsonNode body = call.body();
        JsonNode spec = body == null ? null : body.path("spec");
        // kube's TokenREST.Create, in its order: the body's name and namespace, the account, the validation
        JsonNode given = body == null ? null : body.path("metadata");
        String named = given == null ? "" : given.path("name").asString("");
        if (!named.isEmpty() && !named.equals(call.name())) {
            throw invalid(call.name(), FieldError.invalid("metadata.name", named,
                    "must match the service account name if specified"));
        }
        String namespaced = given == null ? "" : given.path("namespace").asString("");
        if (!namespaced.isEmpty() && !namespaced.equals(call.namespace())) {
            throw invalid(call.name(), FieldError.invalid("metadata.namespace", namespaced,
                    "must match the service account namespace if specified"));
        }
        // the account, the bound object and its node are only read: their shared objects, not decoded copies
        ServiceAccount account = registry.store(ServiceAccount.class).peek(call.namespace(), call.name());
        long seconds = spec != null && spec.path("expirationSeconds").isNumber()
                ? spec.path("expirationSeconds").asLong() : DEFAULT_SECONDS;
        if (seconds < MIN_SECONDS) {
            throw invalid("", FieldError.invalid("spec.expirationSeconds", seconds,
                    "may not specify a duration less than 10 minutes"));
        } else if (seconds > MAX_SECONDS) {
            throw invalid("", FieldError.invalid("spec.expirationSeconds", seconds,
                    "may not specify a duration larger than 2^32 seconds"));
        }
        if (maxExpiration != null && !maxExpiration.isZero() && seconds > maxExpiration.toSeconds()) {
            RequestWarnings.add("requested expiration of " + seconds + " seconds shortened to "
                    + maxExpiration.toSeconds() + " seconds");
            seconds = maxExpiration.toSeconds();
        }
        List<String> audiences = new ArrayList<>();
        if (spec != null && spec.path("audiences").isArray()) {
            spec.path("audiences").forEach(a -> audiences.add(a.asString("")));
        }
        if (audiences.isEmpty()) {
            audiences.addAll(tokens.apiAudiences());
        }
        registry.admitSubresource(SERVICE_ACCOUNTS, "token", call);
        ServiceAccountTokens.BoundObject bound = null;
        Node node = null;
        JsonNode ref = spec == null ? null : spec.get("boundObjectRef");
        Map<String, Object> boundOut = null;
        if (ref != null && ref.isObject()) {
            String kind = ref.path("kind").asString("");
            String name = ref.path("name").asString("");
            String uid = ref.path("uid").asString("");
            String apiVersion = ref.path("apiVersion").asString("");
            // schema.FromAPIVersionAndKind: only the core group's kinds bind, whatever their version
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            HasMetadata object = switch (group.isEmpty() ? kind : "") {
                case "Pod" -> registry.store(Pod.class).peek(call.namespace(), name);
                case "Secret" -> registry.store(Secret.class).peek(call.namespace(), name);
                case "Node" -> registry.store(Node.class).peek(null, name);
                default -> throw Errors.badRequest("cannot bind token to object of type " + group + "/" + version
                        + ", Kind=" + kind);
            };
            if (!uid.isEmpty() && !uid.equals(object.getMetadata().getUid())) {
                throw Errors.conflict(new GroupResource("", kind), name, "the UID in the bound object reference ("
                        + uid + ") does not match the UID in record. The object might have been deleted and then"
                        + " recreated");
            }
            if (object instanceof Pod pod) {
                if (!call.name().equals(pod.getSpec().getServiceAccountName())) {
                    throw Errors.badRequest("cannot bind token for serviceaccount \"" + call.name()
                            + "\" to pod running with different serviceaccount name.");
                }
                node = nodeOf(pod);
            }
            if (object instanceof Node n) {
                node = null;
                bound = new ServiceAccountTokens.BoundObject("Node", name, n.getMetadata().getUid());
            } else {
                bound = new ServiceAccountTokens.BoundObject(kind, name, object.getMetadata().getUid());
            }
            boundOut = new LinkedHashMap<>();
            boundOut.put("kind", kind);
            boundOut.put("apiVersion", "v1");
            boundOut.put("name", name);
            boundOut.put("uid", object.getMetadata().getUid());
        }
        Map<String, Object> specOut = new LinkedHashMap<>();
        specOut.put("audiences", audiences);
        specOut.put("expirationSeconds", seconds);
        specOut.put("boundObjectRef", boundOut);
        Map<String, Object> status = new LinkedHashMap<>();
        if (!call.options().dryRun()) {
            Duration lifetime = Duration.ofSeconds(seconds);
            Duration warnAfter = null;
            // kube's safe transition to bound tokens: the kubelet's projected token for the API holds a year and
            // only warns after the hour asked for, so a client that never reloads its token keeps working
            if (bound != null && bound.kind().equals("Pod") && seconds == ServiceAccountAdmission.TOKEN_SECONDS
                    && tokens.apiAudiences().containsAll(audiences)) {
                warnAfter = lifetime;
                lifetime = EXTENDED_EXPIRATION;
            }
            ServiceAccountTokens.Issued issued = tokens.issue(account, audiences, lifetime, warnAfter, bound, node);
            status.put("token", issued.token());
            status.put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(issued.expiration()
                    .minus(lifetime).plusSeconds(seconds)));
        } else {
            status.put("token", "");
            status.put("expirationTimestamp", null);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", call.name());
        metadata.put("namespace", call.namespace());
        metadata.put("creationTimestamp", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "TokenRequest");
        out.put("apiVersion", "authentication.k8s.io/v1");
        out.put("metadata", metadata);
        out.put("spec", specOut);
        out.put("status", status);
        return SubresourceReply.created(out);
    }

    /** kube's NewInvalid for a TokenRequest: the name is the account's before the lookup, none after. */
    private static StatusException invalid(String name, FieldError error) {
        return Errors.invalid("TokenRequest.authentication.k8s.io", "TokenRequest", "authentication.k8s.io", name,
                List.of(error));
    }

    private Node nodeOf(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return null;
        }
        try {
            return registry.store(Node.class).peek(null, nodeName);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}
