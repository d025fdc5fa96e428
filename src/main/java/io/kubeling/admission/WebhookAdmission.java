package io.kubeling.admission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.StatusException;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
import tools.jackson.databind.JsonNode;

/**
 * kube's MutatingAdmissionWebhook and ValidatingAdmissionWebhook plugins. Mutating webhooks are called one
 * after the other, each seeing what the ones before made of the object, their JSONPatch answers applied; if
 * one changed the object, those before it that asked for {@code reinvocationPolicy: IfNeeded} are called once
 * more. Validating webhooks are called all at once, after the strategy's validation, and the first refusal
 * (in webhook order) is the answer. A call that fails (refused, timed out, unreadable answer) fails the
 * request with kube's 500 unless the webhook's failurePolicy is Ignore; a refusal is the webhook's own
 * Status; a dry run refuses webhooks that declare side effects, as kube does.
 */
@Component
class WebhookAdmission implements Admission {

    private static final Logger log = LoggerFactory.getLogger(WebhookAdmission.class);
    private static final JsonProvider JSON_P = JsonProvider.provider();
    /** How long past its own timeout a call may take before it is given up, should the caller not time it out. */
    private static final long GRACE_MILLIS = 500;

    private final WebhookSource source;
    private final WebhookCaller caller;
    private final ObjectCodec codec;
    private final Function<String, Map<String, String>> namespaceLabels;
    private final Function<ResourceDefinition<?>, List<ResourceDefinition<?>>> equivalents;

    @Autowired
    WebhookAdmission(WebhookSource source, WebhookCaller caller, ObjectCodec codec, ObjectProvider<Registry> registry) {
        this(source, caller, codec, name -> registry.getObject().store(Namespace.class).peek(null, name)
                .getMetadata().getLabels(), def -> ResourceRules.equivalents(registry.getObject(), def));
    }

    WebhookAdmission(WebhookSource source, WebhookCaller caller, ObjectCodec codec,
            Function<String, Map<String, String>> namespaceLabels,
            Function<ResourceDefinition<?>, List<ResourceDefinition<?>>> equivalents) {
        this.source = source;
        this.caller = caller;
        this.codec = codec;
        this.namespaceLabels = namespaceLabels;
        this.equivalents = equivalents;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (WebhookMatcher.exempt(request.resource())) {
            return request.object();
        }
        List<Webhook> hooks = source.mutating();
        if (hooks.isEmpty()) {
            return request.object();
        }
        Set<String> invoked = new HashSet<>();
        Set<String> reinvoke = new HashSet<>();
        boolean changedAny = false;
        AdmissionRequest<T> current = request;
        List<ResourceDefinition<?>> equivalent = equivalents.apply(request.resource());
        for (Webhook hook : hooks) {
            ResourceDefinition<?> as = shouldCall(hook, current, equivalent);
            if (as == null) {
                continue;
            }
            T before = current.object();
            current = current.withObject(callMutating(hook, current, as));
            if (current.object() != before) {
                // a change: every webhook that may be called again and ran before it sees the new object
                reinvoke.addAll(invoked);
                changedAny = true;
            }
            if (hook.reinvokeIfNeeded()) {
                invoked.add(hook.uid());
            }
        }
        if (changedAny && !reinvoke.isEmpty()) {
            for (Webhook hook : hooks) {
                ResourceDefinition<?> as = reinvoke.contains(hook.uid()) ? shouldCall(hook, current, equivalent) : null;
                if (as != null) {
                    current = current.withObject(callMutating(hook, current, as));
                }
            }
        }
        return current.object();
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        if (WebhookMatcher.exempt(request.resource())) {
            return;
        }
        List<Webhook> hooks = source.validating();
        if (hooks.isEmpty()) {
            return;
        }
        List<Webhook> relevant = new ArrayList<>();
        List<ResourceDefinition<?>> calledAs = new ArrayList<>();
        List<ResourceDefinition<?>> equivalent = equivalents.apply(request.resource());
        for (Webhook hook : hooks) {
            ResourceDefinition<?> as = shouldCall(hook, request, equivalent);
            if (as != null) {
                relevant.add(hook);
                calledAs.add(as);
            }
        }
        if (relevant.isEmpty()) {
            return;
        }
        for (Webhook hook : relevant) {
            refuseDryRun(hook, request);
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < relevant.size(); i++) {
            ResourceDefinition<?> as = calledAs.get(i);
            calls.add(start(relevant.get(i), request, as, AdmissionReviews.tree(codec.mapper(), request.object(), as),
                    AdmissionReviews.tree(codec.mapper(), request.oldObject(), as)));
        }
        StatusException refusal = null;
        for (Call call : calls) {
            try {
                AdmissionReviews.Answer answer = call.finish();
                if (!answer.allowed() && refusal == null) {
                    refusal = denied(call.hook(), answer.result());
                }
            } catch (CallFailure failure) {
                if (!call.hook().failOpen() && refusal == null) {
                    refusal = Errors.internal(failure.message(call.hook()));
                }
                logFailure(call.hook(), failure);
            } catch (StatusException e) {
                if (refusal == null) {
                    refusal = e;
                }
            }
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * kube's ShouldCallHook: the rules and selectors, then the matchConditions (over the objects in the version
     * the webhook matched), which may refuse the request. The resource the webhook is called as, or null.
     */
    private ResourceDefinition<?> shouldCall(Webhook hook, AdmissionRequest<?> request,
            List<ResourceDefinition<?>> equivalent) {
        ResourceDefinition<?> as = WebhookMatcher.invocation(hook, request, namespaceLabels, equivalent);
        if (as == null || hook.conditions().isEmpty()) {
            return as;
        }
        JsonNode object = AdmissionReviews.tree(codec.mapper(), request.object(), as);
        JsonNode old = AdmissionReviews.tree(codec.mapper(), request.oldObject(), as);
        JsonNode attributes = AdmissionReviews.attributes(codec.mapper(), request, as);
        List<String> errors = new ArrayList<>();
        MatchConditions.Outcome outcome = hook.conditions().evaluate(object, old, attributes, hook.failOpen(), errors);
        if (!errors.isEmpty()) {
            log.warn("Failed evaluating match conditions, failing closed {}: {}", hook.name(), errors);
            throw Errors.forbidden(request.resource().groupResource(), request.name(),
                    errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return outcome == MatchConditions.Outcome.CALL ? as : null;
    }

    /**
     * One webhook's answer applied to the request's object: the same object when it changed nothing. The webhook
     * sees the object in the version it is called as; its result comes back to the request's version, which for
     * conversion None only rewrites apiVersion.
     */
    private <T extends HasMetadata> T callMutating(Webhook hook, AdmissionRequest<T> request, ResourceDefinition<?> as) {
        JsonNode object = AdmissionReviews.tree(codec.mapper(), request.object(), as);
        JsonNode old = AdmissionReviews.tree(codec.mapper(), request.oldObject(), as);
        AdmissionReviews.Answer answer;
        try {
            answer = start(hook, request, as, object, old).finish();
        } catch (CallFailure failure) {
            logFailure(hook, failure);
            if (hook.failOpen()) {
                return request.object();
            }
            throw Errors.internal(failure.message(hook));
        }
        if (!answer.allowed()) {
            throw denied(hook, answer.result());
        }
        if (answer.patch().length == 0) {
            return request.object();
        }
        JsonStructure operations;
        try {
            operations = JSON_P.createReader(new java.io.ByteArrayInputStream(answer.patch())).read();
        } catch (JsonException e) {
            CallFailure failure = new CallFailure("received undecodable patch in webhook response: " + e.getMessage());
            if (hook.failOpen()) {
                logFailure(hook, failure);
                return request.object();
            }
            throw Errors.internal(failure.message(hook));
        }
        if (!(operations instanceof jakarta.json.JsonArray array)) {
            CallFailure failure = new CallFailure("received undecodable patch in webhook response: "
                    + "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
            if (hook.failOpen()) {
                logFailure(hook, failure);
                return request.object();
            }
            throw Errors.internal(failure.message(hook));
        }
        if (array.isEmpty()) {
            return request.object();
        }
        if (object == null) {
            throw Errors.internal("admission webhook \"" + hook.name()
                    + "\" attempted to modify the object, which is not supported for this operation");
        }
        JsonNode patched;
        try {
            JsonStructure target = JSON_P.createReader(new java.io.StringReader(codec.mapper().writeValueAsString(object)))
                    .read();
            JsonStructure result = JSON_P.createPatch(array).apply(target);
            patched = codec.mapper().readTree(result.toString());
        } catch (JsonException | ClassCastException e) {
            throw Errors.internal(e.getMessage());
        }
        if (patched.equals(object)) {
            return request.object();
        }
        if (patched instanceof tools.jackson.databind.node.ObjectNode tree) {
            tree.put("apiVersion", request.resource().apiVersion());
            tree.put("kind", request.resource().kind());
        }
        T changed;
        try {
            changed = codec.fromTree(patched, request.resource().type());
        } catch (RuntimeException e) {
            throw Errors.internal(e.getMessage());
        }
        // kube's dispatcher defaults the patched object, as decoding a request does
        request.resource().strategy().applyDefaults(changed);
        return changed;
    }

    /** Starts the call of one webhook; dry runs are refused here for webhooks with side effects. */
    private Call start(Webhook hook, AdmissionRequest<?> request, ResourceDefinition<?> as, JsonNode object,
            JsonNode old) {
        refuseDryRun(hook, request);
        String version = hook.reviewVersion();
        if (version == null) {
            return new Call(hook, version, null, CompletableFuture.failedFuture(new CallFailure(
                    "could not create admission objects: webhook does not accept known AdmissionReview versions "
                            + "(v1, v1beta1)")), codec.mapper());
        }
        String uid = UUID.randomUUID().toString();
        byte[] review = codec.mapper().writeValueAsBytes(
                AdmissionReviews.request(codec.mapper(), version, uid, request, as, object, old));
        CompletableFuture<byte[]> answer;
        try {
            answer = caller.post(hook, review, hook.timeoutSeconds());
        } catch (CallFailure failure) {
            answer = CompletableFuture.failedFuture(failure);
        }
        return new Call(hook, version, uid, answer, codec.mapper());
    }

    private static void refuseDryRun(Webhook hook, AdmissionRequest<?> request) {
        if (request.dryRun() && !hook.supportsDryRun()) {
            throw Errors.badRequest("admission webhook \"" + hook.name() + "\" does not support dry run");
        }
    }

    private record Call(Webhook hook, String version, String uid, CompletableFuture<byte[]> body,
            tools.jackson.databind.json.JsonMapper mapper) {

        /** Waits for the answer, at most the webhook's timeout (and a little), and reads it. */
        AdmissionReviews.Answer finish() {
            byte[] bytes;
            try {
                bytes = body.get(hook.timeoutSeconds() * 1000L + GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                body.cancel(true);
                // the client's own timeout, late on a busy machine or blind to a body that never ends
                throw new CallFailure("failed to call webhook: Post \""
                        + HttpsWebhookCaller.shownUrl(hook.clientConfig(), hook.timeoutSeconds())
                        + "\": context deadline exceeded");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallFailure("failed to call webhook: context canceled");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CallFailure failure) {
                    throw failure;
                }
                throw new CallFailure("failed to call webhook: " + e.getCause());
            }
            AdmissionReviews.Answer answer = AdmissionReviews.answer(mapper, version, uid, hook.mutating(), bytes);
            answer.warnings().forEach(RequestWarnings::add);
            return answer;
        }
    }

    /** kube's ToStatusErr: the webhook's Status, its message prefixed, never below 400 nor a success. */
    private StatusException denied(Webhook hook, JsonNode result) {
        Status status = result == null ? new Status() : codec.fromTree(result, Status.class);
        String deniedBy = "admission webhook \"" + hook.name() + "\" denied the request";
        Integer code = status.getCode();
        status.setCode(code == null || code < 400 ? 400 : code);
        if (status.getStatus() == null || status.getStatus().isEmpty() || status.getStatus().equals("Success")) {
            status.setStatus("Failure");
        }
        if (status.getMessage() != null && !status.getMessage().isEmpty()) {
            status.setMessage(deniedBy + ": " + status.getMessage());
        } else if (status.getReason() != null && !status.getReason().isEmpty()) {
            status.setMessage(deniedBy + ": " + status.getReason());
        } else {
            status.setMessage(deniedBy + " without explanation");
        }
        StatusDetails details = status.getDetails();
        status.setDetails(details);
        status.setApiVersion("v1");
        status.setKind("Status");
        if (status.getMetadata() == null) {
            status.setMetadata(new io.fabric8.kubernetes.api.model.ListMeta());
        }
        return new StatusException(status);
    }

    private static void logFailure(Webhook hook, CallFailure failure) {
        log.warn("Failed calling webhook, failing {} {}: {}", hook.failOpen() ? "open" : "closed", hook.name(),
                failure.getMessage());
    }
}
