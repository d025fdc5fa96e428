package io.kubeling.api;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingRequestWrapper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.audit.AuditBackend;
import io.kubeling.audit.AuditEvent;
import io.kubeling.audit.AuditLevel;
import io.kubeling.audit.AuditLog;
import io.kubeling.audit.AuditPolicy;
import io.kubeling.audit.AuditStage;
import io.kubeling.registry.UserInfo;

/**
 * kube's WithAuditInit and WithAudit: every response carries its request's Audit-Id (the client's own if it sent
 * one), and with an audit log and policy set, each request the policy logs is written at its stages: when
 * received, when a watch's response starts, when complete, or on a panic. Off, it costs one header.
 */
@Component
// after authentication, which sets the request's user, before impersonation, which may change it, and before
// authorization, which annotates the event, as kube's WithAudit sits in its handler chain
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class AuditFilter extends ApiFilter implements DisposableBean {

    static final String HEADER = "Audit-Id";
    private static final String EVENT = AuditEvent.class.getName();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most of a response body kept to log: a failure's Status, or the object at RequestResponse. */
    private static final int RESPONSE_LIMIT = 1024 * 1024;
    /** Who a request that failed authentication is: nobody, an empty user in the event. */
    private static final UserInfo NO_USER = new UserInfo("", "", List.of(), Map.of());

    private final AuditPolicy policy;
    private final AuditLog log;
    private final Clock clock;
    private final int requestLimit;

    /** The log is the backend's, which closes it; a filter built on a log of its own closes that. */
    private final boolean ownsLog;

    @Autowired
    AuditFilter(AuditBackend backend, @Value("${kubeling.api.max-request-bytes:3145728}") int requestLimit) {
        this(backend.policy(), backend.log(), backend.clock(), requestLimit, false);
    }

    AuditFilter(AuditPolicy policy, AuditLog log, Clock clock, int requestLimit) {
        this(policy, log, clock, requestLimit, true);
    }

    private AuditFilter(AuditPolicy policy, AuditLog log, Clock clock, int requestLimit, boolean ownsLog) {
        this.policy = policy;
        this.log = log;
        this.clock = clock;
        this.requestLimit = requestLimit;
        this.ownsLog = ownsLog;
    }

    /** Adds an annotation to the request's audit event, if it has one. */
    static void annotate(HttpServletRequest request, String key, String value) {
        if (request.getAttribute(EVENT) instanceof AuditEvent event) {
            event.annotate(key, value);
        }
    }

    /** The object a create or an update sends, which completes the event's object reference. */
    static void requestObject(HttpServletRequest request, HasMetadata object) {
        if (request.getAttribute(EVENT) instanceof AuditEvent event && object != null
                && object.getMetadata() != null) {
            event.requestObjectMeta(object.getMetadata().getName(), object.getMetadata().getUid(),
                    object.getMetadata().getResourceVersion());
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String auditId = auditId(request, response);
        if (log == null) {
            chain.doFilter(request, response);
            return;
        }
        RequestInfo info = RequestInfo.of(request);
        UserInfo user = RequestUser.of(request);
        AuditPolicy.Attributes attributes = attributes(info, user);
        AuditPolicy.Config config = policy.evaluate(attributes);
        if (config.level() == AuditLevel.None) {
            chain.doFilter(request, response);
            return;
        }
        AuditEvent event = event(request, auditId, config, attributes, info);
        request.setAttribute(EVENT, event);
        Stages stages = new Stages(event, config);
        stages.write(AuditStage.RequestReceived);
        boolean watch = "watch".equals(info.verb());
        HttpServletRequest in = event.level().atLeast(AuditLevel.Request) && MutatingSeats.mutating(request.getMethod())
                ? new ContentCachingRequestWrapper(request, requestLimit) : request;
        TeeResponse out = watch ? null : new TeeResponse(response, RESPONSE_LIMIT);
        try {
            chain.doFilter(in, out == null ? response : out);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            event.responseStatus(500, JSON.createObjectNode().put("kind", "Status").put("status", "Failure")
                    .put("message", "APIServer panic'd: " + e));
            stages.write(AuditStage.Panic);
            throw e;
        }
        Runnable complete = () -> {
            finish(event, user, in, response.getStatus(), out, RequestUser.of(request));
            stages.write(AuditStage.ResponseComplete);
        };
        if (request.isAsyncStarted()) {
            if (watch) {
                event.responseStatus(response.getStatus(), null);
                stages.write(AuditStage.ResponseStarted);
            }
            request.getAsyncContext().addListener(new Completion(complete));
        } else {
            complete.run();
        }
    }

    /** The client's Audit-Id, or a new one, set on the response as kube's WithAuditInit sets it on every answer. */
    private static String auditId(HttpServletRequest request, HttpServletResponse response) {
        String given = request.getHeader(HEADER);
        String auditId = given == null || given.isBlank() ? newAuditId() : given;
        response.setHeader(HEADER, auditId);
        return auditId;
    }

    /**
     * A random (version 4) UUID, as kube's uuid.New() makes, from the thread's own generator: an ID names a request
     * and guards nothing, and UUID.randomUUID() would take every request through one shared SecureRandom.
     */
    static String newAuditId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private static AuditPolicy.Attributes attributes(RequestInfo info, UserInfo user) {
        return new AuditPolicy.Attributes(user, info.verb(), info.resourceRequest(), info.path(), info.apiGroup(),
                info.namespace(), info.resource(), info.subresource(), info.name());
    }

    private AuditEvent event(HttpServletRequest request, String auditId, AuditPolicy.Config config,
            AuditPolicy.Attributes attributes, RequestInfo info) {
        String query = request.getQueryString();
        return new AuditEvent(auditId, config, request.getRequestURI() + (query == null ? "" : "?" + query),
                attributes, info.apiVersion(), sourceIps(request), request.getHeader("User-Agent"), clock.instant());
    }

    /**
     * kube's WithFailedAuthenticationAudit, for a request about to be answered 401: its Audit-Id, and, where the
     * policy logs the request (seen as from no user), one ResponseStarted event with no user, the code and the
     * methods the client tried ({@code Authentication failed, attempted: bearer, x509}).
     */
    void failedAuthentication(HttpServletRequest request, HttpServletResponse response, String methods) {
        String auditId = auditId(request, response);
        if (log == null) {
            return;
        }
        RequestInfo info = RequestInfo.of(request);
        AuditPolicy.Attributes attributes = attributes(info, NO_USER);
        AuditPolicy.Config config = policy.evaluate(attributes);
        if (config.level() == AuditLevel.None) {
            return;
        }
        AuditEvent event = event(request, auditId, config, attributes, info);
        event.responseStatus(401, JSON.createObjectNode().put("kind", "Status").put("message", methods));
        new Stages(event, config).write(AuditStage.ResponseStarted);
    }

    private static void finish(AuditEvent event, UserInfo user, HttpServletRequest in, int code, TeeResponse out,
            UserInfo after) {
        if (!after.equals(user)) {
            event.impersonatedUser(after);
        }
        JsonNode body = out == null || out.overflowed() ? null : json(out.captured());
        event.responseStatus(code, code >= 300 ? body : null);
        if (in instanceof ContentCachingRequestWrapper cached) {
            event.requestObject(json(cached.getContentAsByteArray()));
        }
        if (code < 300) {
            event.responseObject(body);
        }
    }

    /** A JSON body as a tree; anything else (protobuf, YAML, empty) is not logged. */
    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The client's address, after those of proxies it came through, as kube's SourceIPs. */
    private static List<String> sourceIps(HttpServletRequest request) {
        List<String> ips = new ArrayList<>();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null) {
            for (String ip : forwarded.split(",")) {
                if (!ip.isBlank() && !ips.contains(ip.strip())) {
                    ips.add(ip.strip());
                }
            }
        }
        String remote = request.getRemoteAddr();
        if (remote != null && !ips.contains(remote)) {
            ips.add(remote);
        }
        return ips;
    }

    @Override
    public void destroy() {
        if (log != null && ownsLog) {
            log.close();
        }
    }

    /** Writes the event at the stages the policy keeps. */
    private final class Stages {
        private final AuditEvent event;
        private final AuditPolicy.Config config;

        Stages(AuditEvent event, AuditPolicy.Config config) {
            this.event = event;
            this.config = config;
        }

        void write(AuditStage stage) {
            if (!config.omitStages().contains(stage)) {
                log.write(event.at(stage, clock.instant()).toString());
            }
        }
    }

    private record Completion(Runnable complete) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            complete.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
