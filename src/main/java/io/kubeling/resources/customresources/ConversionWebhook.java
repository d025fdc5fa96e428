package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.WebhookPoster;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CRD's conversion webhook, as kube's webhookConverter: one ConversionReview per object to convert, in the
 * first review version of the CRD's list that kube knows, posted with kube's 30 s timeout; the answer checked
 * (review kind, uid, result, count, group/version, kind, name, namespace, uid) and the object's metadata kept
 * but for the labels and annotations the webhook set. Failures are kube's errors, which kube answers as 500
 * Statuses with the error's text ({@code conversion webhook for <gvk> failed: ...}).
 */
final class ConversionWebhook {

    /** kube sets no timeout of its own on conversion calls but its webhook client's, which shows as 30s. */
    static final int TIMEOUT_SECONDS = 30;
    /** The prefix the HTTPS caller's failures carry for admission, which conversion errors do not show. */
    private static final String CALL_PREFIX = "failed to call webhook: ";

    private final WebhookClientConfig config;
    private final List<String> reviewVersions;
    private final WebhookPoster poster;

    ConversionWebhook(WebhookClientConfig config, List<String> reviewVersions, WebhookPoster poster) {
        this.config = config;
        this.reviewVersions = reviewVersions == null ? List.of() : List.copyOf(reviewVersions);
        this.poster = poster;
    }

    /** The CRD's webhook, or null when its strategy is not Webhook. */
    static ConversionWebhook of(CustomResourceConversion conversion, WebhookPoster poster) {
        if (conversion == null || !"Webhook".equals(conversion.getStrategy()) || conversion.getWebhook() == null
                || conversion.getWebhook().getClientConfig() == null) {
            return null;
        }
        return new ConversionWebhook(clientConfig(conversion.getWebhook().getClientConfig()),
                conversion.getWebhook().getConversionReviewVersions(), poster);
    }

    /** The v1 default of a conversion Service's port, as kube sets it. */
    static void defaults(CustomResourceConversion conversion) {
        if (conversion.getWebhook() != null && conversion.getWebhook().getClientConfig() != null
                && conversion.getWebhook().getClientConfig().getService() != null
                && conversion.getWebhook().getClientConfig().getService().getPort() == null) {
            conversion.getWebhook().getClientConfig().getService().setPort(443);
        }
    }

    /** A CRD's client config in admissionregistration's type, which the webhook client and its checks take. */
    static WebhookClientConfig clientConfig(io.fabric8.kubernetes.api.model.apiextensions.v1.WebhookClientConfig c) {
        WebhookClientConfig config = new WebhookClientConfig();
        config.setCaBundle(c.getCaBundle());
        config.setUrl(c.getUrl());
        if (c.getService() != null) {
            ServiceReference service = new ServiceReference();
            service.setName(c.getService().getName());
            service.setNamespace(c.getService().getNamespace());
            service.setPath(c.getService().getPath());
            service.setPort(c.getService().getPort());
            config.setService(service);
        }
        return config;
    }

    /**
     * {@code in} (apiVersion, kind and metadata set) converted to {@code apiVersion}; {@code in} itself when it
     * is in that version already.
     */
    ObjectNode convert(ObjectNode in, String apiVersion) {
        String from = in.path("apiVersion").asString("");
        String kind = in.path("kind").asString("");
        if (from.equals(apiVersion)) {
            return in;
        }
        String gvk = gvk(from, kind);
        String version = reviewVersions.stream().filter(v -> v.equals("v1") || v.equals("v1beta1")).findFirst()
                .orElseThrow(() -> failure("no supported conversion review versions"));
        String uid = UUID.randomUUID().toString();
        byte[] body = ConversionWebhook.review(version, uid, apiVersion, in);
        byte[] answer = post(body, gvk);
        List<JsonNode> converted = convertedObjects(version, uid, answer, gvk);
        if (converted.size() != 1) {
            throw failure("conversion webhook for " + gvk + " returned " + converted.size() + " objects, expected 1");
        }
        JsonNode out = converted.get(0);
        if (!out.isObject()) {
            throw failure("conversion webhook for " + gvk + " failed: json: cannot unmarshal " + jsonType(out)
                    + " into Go value of type map[string]interface {}");
        }
        ObjectNode object = (ObjectNode) out;
        String gotGroupVersion = groupVersion(object.path("apiVersion").asString(""));
        if (!gotGroupVersion.equals(groupVersion(apiVersion))) {
            throw failure("conversion webhook for " + gvk + " returned invalid object at index 0: invalid groupVersion "
                    + "(expected " + groupVersion(apiVersion) + ", received " + gotGroupVersion + ")");
        }
        String gotKind = object.path("kind").asString("");
        if (!gotKind.equals(kind)) {
            throw failure("conversion webhook for " + gvk + " returned invalid object at index 0: invalid kind "
                    + "(expected " + kind + ", received " + gotKind + ")");
        }
        String mismatch = sameIdentity(in, object);
        if (mismatch != null) {
            throw failure("conversion webhook for " + gvk + " returned invalid object: " + mismatch);
        }
        String metadata = restoreMetadata(in, object);
        if (metadata != null) {
            throw failure("conversion webhook for " + gvk + " returned invalid metadata: " + metadata);
        }
        return object;
    }

    private byte[] post(byte[] body, String gvk) {
        try {
            return poster.post(config, body, TIMEOUT_SECONDS).get();
        } catch (ExecutionException | CompletionException e) {
            throw callFailure(e.getCause() == null ? e : e.getCause(), gvk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("conversion webhook for " + gvk + " failed: context canceled");
        } catch (StatusException e) {
            throw e;
        } catch (RuntimeException e) {
            throw callFailure(e, gvk);
        }
    }

    private static StatusException callFailure(Throwable e, String gvk) {
        String reason = String.valueOf(e.getMessage());
        if (reason.startsWith(CALL_PREFIX)) {
            reason = reason.substring(CALL_PREFIX.length());
        }
        return failure("conversion webhook for " + gvk + " failed: " + reason);
    }

    static byte[] review(String version, String uid, String desiredApiVersion, ObjectNode object) {
        ObjectNode review = JsonPaths.JSON.createObjectNode();
        review.put("kind", "ConversionReview");
        review.put("apiVersion", "apiextensions.k8s.io/" + version);
        ObjectNode request = review.putObject("request");
        request.put("uid", uid);
        request.put("desiredAPIVersion", desiredApiVersion);
        request.putArray("objects").add(object);
        // kube sends the empty response it decodes the answer into
        ObjectNode response = review.putObject("response");
        response.put("uid", "");
        response.putNull("convertedObjects");
        response.putObject("result").putObject("metadata");
        return JsonPaths.JSON.writeValueAsBytes(review);
    }

    /** getConvertedObjectsFromResponse: the converted objects of a successful answer, else kube's error. */
    private static List<JsonNode> convertedObjects(String version, String uid, byte[] answer, String gvk) {
        String failed = "conversion webhook for " + gvk + " failed: ";
        JsonNode review;
        try {
            review = JsonPaths.JSON.readTree(answer);
        } catch (JacksonException e) {
            throw failure(failed + "couldn't get version/kind; json parse error: " + e.getOriginalMessage());
        }
        if (review == null || !review.isObject()) {
            throw failure(failed + "couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + (review == null ? "null" : jsonType(review)) + " into Go value of type struct { APIVersion "
                    + "string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        JsonNode response = review.get("response");
        if (version.equals("v1")) {
            String apiVersion = review.path("apiVersion").asString("");
            String kind = review.path("kind").asString("");
            if (!apiVersion.equals("apiextensions.k8s.io/v1") || !kind.equals("ConversionReview")) {
                throw failure(failed + "expected webhook response of apiextensions.k8s.io/v1, Kind=ConversionReview, "
                        + "got " + gvk(apiVersion, kind));
            }
        }
        if (response == null || response.isNull()) {
            throw failure(failed + "no response provided");
        }
        if (!response.isObject()) {
            throw failure(failed + "json: cannot unmarshal " + jsonType(response)
                    + " into Go struct field ConversionReview.response of type " + version + ".ConversionResponse");
        }
        if (version.equals("v1")) {
            String got = response.path("uid").asString("");
            if (!got.equals(uid)) {
                throw failure(failed + "expected response.uid=\"" + uid + "\", got \"" + got + "\"");
            }
        }
        JsonNode result = response.path("result");
        String status = result.path("status").asString("");
        if (!status.equals("Success")) {
            String message = result.path("message").asString("");
            throw failure(failed + (message.isEmpty() ? "response.result.status was '" + status + "', not 'Success'"
                    : message));
        }
        List<JsonNode> objects = new java.util.ArrayList<>();
        response.path("convertedObjects").forEach(objects::add);
        return objects;
    }

    /** validateConvertedObject: the webhook may not change what the object is. */
    private static String sameIdentity(JsonNode in, JsonNode out) {
        for (String[] field : new String[][] {{"kind", null}, {"name", "metadata"}, {"namespace", "metadata"},
                {"uid", "metadata"}}) {
            JsonNode from = field[1] == null ? in : in.path(field[1]);
            JsonNode to = field[1] == null ? out : out.path(field[1]);
            String a = from.path(field[0]).asString("");
            String b = to.path(field[0]).asString("");
            if (!a.equals(b)) {
                String what = field[0].equals("uid") ? "UID" : field[0];
                return "must have the same " + what + ": " + a + " != " + b;
            }
        }
        return null;
    }

    /**
     * restoreObjectMeta: the converted object takes the original metadata, keeping the labels and annotations the
     * webhook answered (string values only); null when it could, else why not.
     */
    private static String restoreMetadata(ObjectNode original, ObjectNode converted) {
        JsonNode answered = converted.get("metadata");
        if (answered == null) {
            return "missing metadata in converted object";
        }
        if (!answered.isObject()) {
            return "invalid metadata of type " + goType(answered) + " in converted object";
        }
        ObjectNode restored = original.get("metadata") instanceof ObjectNode meta ? meta.deepCopy()
                : JsonPaths.JSON.createObjectNode();
        for (String field : List.of("labels", "annotations")) {
            JsonNode values = answered.get(field);
            if (values == null || values.isNull()) {
                restored.remove(field);
                continue;
            }
            if (!values.isObject()) {
                return "invalid metadata." + field + " of type " + goType(values) + " in converted object";
            }
            for (Map.Entry<String, JsonNode> e : values.properties()) {
                if (!e.getValue().isString()) {
                    return "metadata." + field + "[" + e.getKey() + "] must be a string, but is "
                            + goType(e.getValue()) + " in converted object";
                }
            }
            if (!values.equals(restored.get(field) == null ? JsonPaths.JSON.createObjectNode() : restored.get(field))) {
                String invalid = field.equals("labels") ? invalidLabels(values) : invalidAnnotations(values);
                if (invalid != null) {
                    return invalid;
                }
            }
            restored.set(field, values.deepCopy());
        }
        converted.set("metadata", restored);
        return null;
    }

    /** ValidateLabels on labels the webhook changed, as kube's aggregate of field errors prints them. */
    private static String invalidLabels(JsonNode labels) {
        List<FieldError> errs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            Names.qualifiedName(e.getKey()).forEach(m -> errs.add(FieldError.invalid("metadata.labels", e.getKey(), m)));
            String value = e.getValue().asString();
            Names.labelValue(value).forEach(m -> errs.add(FieldError.invalid("metadata.labels", value, m)));
        }
        return aggregate(errs);
    }

    /** ValidateAnnotations on annotations the webhook changed; kube names the path {@code metadata.annotation}. */
    private static String invalidAnnotations(JsonNode annotations) {
        List<FieldError> errs = new ArrayList<>();
        long size = 0;
        for (Map.Entry<String, JsonNode> e : annotations.properties()) {
            Names.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))
                    .forEach(m -> errs.add(FieldError.invalid("metadata.annotation", e.getKey(), m)));
            size += e.getKey().length() + e.getValue().asString().length();
        }
        if (size > 256 * 1024) {
            errs.add(FieldError.tooLong("metadata.annotation", 256 * 1024));
        }
        return aggregate(errs);
    }

    /** utilerrors' aggregate: the one error, or the list in brackets. */
    private static String aggregate(List<FieldError> errs) {
        if (errs.isEmpty()) {
            return null;
        }
        if (errs.size() == 1) {
            return errs.get(0).toString();
        }
        return errs.stream().map(FieldError::toString).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** Go's %v of a GroupVersionKind. */
    static String gvk(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String gv = slash < 0 ? "/" + apiVersion : apiVersion;
        return gv + ", Kind=" + kind;
    }

    /** Go's %v of a GroupVersion: the version alone in the core group. */
    private static String groupVersion(String apiVersion) {
        return apiVersion.startsWith("/") ? apiVersion.substring(1) : apiVersion;
    }

    /** The Go type of a JSON value decoded as unstructured content, as %T prints it. */
    private static String goType(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case NUMBER -> value.isIntegralNumber() ? "int64" : "float64";
            case ARRAY -> "[]interface {}";
            case OBJECT -> "map[string]interface {}";
            default -> "<nil>";
        };
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> "null";
        };
    }

    /** kube answers a conversion error it did not make a Status of as a 500 with the error's text alone. */
    static StatusException failure(String message) {
        return Errors.error(500, null, message, null);
    }
}
