package io.kubeling.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.kubeling.registry.UserInfo;

/**
 * One request's audit.k8s.io/v1 Event, filled in as the request goes and written once per stage. Secrets and
 * tokens are logged at Metadata at most whatever the policy says, and a body of theirs is never copied in: kube
 * leaves that to the policy, but a log that must never hold a secret cannot depend on one.
 */
public final class AuditEvent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** metav1.MicroTime's format. */
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> SECRET_KINDS = Set.of("Secret", "SecretList", "TokenRequest", "TokenReview");

    private final String auditId;
    private final AuditLevel level;
    private final boolean omitManagedFields;
    private final String requestUri;
    private final AuditPolicy.Attributes attributes;
    private final String apiVersion;
    private final List<String> sourceIps;
    private final String userAgent;
    private final Instant received;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private UserInfo impersonatedUser;
    private String objectName = "";
    private String objectUid = "";
    private String objectResourceVersion = "";
    private JsonNode responseStatus;
    private JsonNode requestObject;
    private JsonNode responseObject;

    public AuditEvent(String auditId, AuditPolicy.Config config, String requestUri, AuditPolicy.Attributes attributes,
            String apiVersion, List<String> sourceIps, String userAgent, Instant received) {
        this.auditId = auditId;
        this.level = capped(config.level(), attributes);
        this.omitManagedFields = config.omitManagedFields();
        this.requestUri = requestUri;
        this.attributes = attributes;
        this.apiVersion = apiVersion;
        this.sourceIps = List.copyOf(sourceIps);
        this.userAgent = userAgent;
        this.received = received;
    }

    /** Secrets, service account tokens and token reviews carry credentials in their bodies: Metadata at most. */
    static AuditLevel capped(AuditLevel level, AuditPolicy.Attributes a) {
        if (!a.resourceRequest() || !level.atLeast(AuditLevel.Request)) {
            return level;
        }
        boolean token = a.resource().equals("serviceaccounts") && a.subresource().equals("token");
        boolean secret = a.apiGroup().isEmpty() && (a.resource().equals("secrets") || token)
                || a.apiGroup().equals("authentication.k8s.io");
        return secret ? AuditLevel.Metadata : level;
    }

    public AuditLevel level() {
        return level;
    }

    public void annotate(String key, String value) {
        annotations.put(key, value);
    }

    /**
     * kube's LogRequestObject: the object a create or an update sends completes the reference the URL gave (a
     * create's name, the object's uid and resourceVersion), at Metadata and above.
     */
    public void requestObjectMeta(String name, String uid, String resourceVersion) {
        objectName = name == null ? "" : name;
        objectUid = uid == null ? "" : uid;
        objectResourceVersion = resourceVersion == null ? "" : resourceVersion;
    }

    public void impersonatedUser(UserInfo user) {
        this.impersonatedUser = user;
    }

    /** The response's code, and a failure's status, reason and message as kube copies them from a Status body. */
    public void responseStatus(int code, JsonNode status) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("metadata");
        if (status != null && "Status".equals(status.path("kind").asString(""))) {
            for (String field : List.of("status", "message", "reason", "details")) {
                if (!status.path(field).isMissingNode()) {
                    node.set(field, status.get(field));
                }
            }
        }
        node.put("code", code);
        this.responseStatus = node;
    }

    public void requestObject(JsonNode body) {
        if (level.atLeast(AuditLevel.Request)) {
            this.requestObject = safe(body);
        }
    }

    public void responseObject(JsonNode body) {
        if (level.atLeast(AuditLevel.RequestResponse)) {
            this.responseObject = safe(body);
        }
    }

    private JsonNode safe(JsonNode body) {
        if (body == null || !body.isObject() || SECRET_KINDS.contains(body.path("kind").asString(""))) {
            return null;
        }
        if (!omitManagedFields) {
            return body;
        }
        ObjectNode copy = (ObjectNode) body.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        for (JsonNode item : copy.path("items")) {
            if (item.path("metadata") instanceof ObjectNode metadata) {
                metadata.remove("managedFields");
            }
        }
        return copy;
    }

    /** The event as written at {@code stage}, in the field order of kube's audit log. */
    public ObjectNode at(AuditStage stage, Instant now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("kind", "Event");
        e.put("apiVersion", "audit.k8s.io/v1");
        e.put("level", level.name());
        e.put("auditID", auditId);
        e.put("stage", stage.name());
        e.put("requestURI", requestUri);
        e.put("verb", attributes.verb());
        e.set("user", user(attributes.user()));
        if (impersonatedUser != null) {
            e.set("impersonatedUser", user(impersonatedUser));
        }
        ArrayNode ips = e.putArray("sourceIPs");
        sourceIps.forEach(ips::add);
        if (userAgent != null && !userAgent.isEmpty()) {
            e.put("userAgent", userAgent);
        }
        if (attributes.resourceRequest()) {
            ObjectNode ref = e.putObject("objectRef");
            putNonEmpty(ref, "resource", attributes.resource());
            putNonEmpty(ref, "namespace", attributes.namespace());
            putNonEmpty(ref, "name", attributes.name().isEmpty() ? objectName : attributes.name());
            putNonEmpty(ref, "uid", objectUid);
            putNonEmpty(ref, "apiGroup", attributes.apiGroup());
            putNonEmpty(ref, "apiVersion", apiVersion);
            putNonEmpty(ref, "resourceVersion", objectResourceVersion);
            putNonEmpty(ref, "subresource", attributes.subresource());
        }
        if (stage != AuditStage.RequestReceived && responseStatus != null) {
            e.set("responseStatus", responseStatus);
        }
        if (requestObject != null && stage != AuditStage.RequestReceived) {
            e.set("requestObject", requestObject);
        }
        if (responseObject != null && stage == AuditStage.ResponseComplete) {
            e.set("responseObject", responseObject);
        }
        e.put("requestReceivedTimestamp", MICRO_TIME.format(received));
        e.put("stageTimestamp", MICRO_TIME.format(now));
        if (!annotations.isEmpty()) {
            ObjectNode a = e.putObject("annotations");
            annotations.forEach(a::put);
        }
        return e;
    }

    private static ObjectNode user(UserInfo user) {
        ObjectNode u = JSON.createObjectNode();
        putNonEmpty(u, "username", user.name());
        putNonEmpty(u, "uid", user.uid());
        if (!user.groups().isEmpty()) {
            ArrayNode groups = u.putArray("groups");
            user.groups().forEach(groups::add);
        }
        if (!user.extra().isEmpty()) {
            ObjectNode extra = u.putObject("extra");
            user.extra().forEach((k, v) -> {
                ArrayNode values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        return u;
    }

    private static void putNonEmpty(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
