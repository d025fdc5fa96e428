package io.kubeling.controllers.kubelet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.TextStream;
import io.kubeling.registry.validation.FieldError;

/**
 * {@code GET pods/{name}/log}: the output the simulated runtime kept for a container, chosen and
 * checked as kube-apiserver and the kubelet do, with {@code container}, {@code follow},
 * {@code previous}, {@code tailLines}, {@code sinceSeconds}, {@code sinceTime}, {@code timestamps}
 * and {@code limitBytes}.
 */
@Component
class PodLogEndpoint implements SubresourceEndpoint {

    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long FOLLOW_POLL_MILLIS = 1000;

    private final Registry registry;
    private final ContainerLogs logs;
    private final Clock clock;

    PodLogEndpoint(Registry registry, ContainerLogs logs, Clock clock) {
        this.registry = registry;
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public GroupResource resource() {
        return new GroupResource("", "pods");
    }

    @Override
    public String subresource() {
        return "log";
    }

    @Override
    public KindRef kind() {
        return new KindRef("", "v1", "Pod");
    }

    @Override
    public List<String> verbs() {
        return List.of("get");
    }

    @Override
    public SubresourceReply get(SubresourceCall call) {
        LogRequest request = LogRequest.parse(call);
        Pod pod = registry.store(Pod.class).get(call.namespace(), call.name());
        String container = container(pod, request.container());
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return SubresourceReply.ok((TextStream) out -> {
            });
        }
        String containerId = containerId(pod.getMetadata().getName(), pod.getStatus(), container, request.previous());
        ContainerLogs.Instance instance = logs.find(containerId);
        if (instance == null) {
            return SubresourceReply.ok((TextStream) out -> {
            });
        }
        return SubresourceReply.ok((TextStream) out -> stream(instance, request, out));
    }

    /** The container asked for, or the only one; kube-apiserver's messages otherwise. */
    private static String container(Pod pod, String asked) {
        List<String> names = names(pod.getSpec().getContainers());
        List<String> initNames = names(pod.getSpec().getInitContainers());
        List<String> ephemeralNames = new ArrayList<>();
        for (EphemeralContainer c : pod.getSpec().getEphemeralContainers()) {
            ephemeralNames.add(c.getName());
        }
        if (asked == null || asked.isEmpty()) {
            if (names.size() == 1) {
                return names.get(0);
            }
            String message = "a container name must be specified for pod " + pod.getMetadata().getName()
                    + ", choose one of: " + goList(names);
            if (!initNames.isEmpty()) {
                message += " or one of the init containers: " + goList(initNames);
            }
            if (!ephemeralNames.isEmpty()) {
                message += " or one of the ephemeral containers: " + goList(ephemeralNames);
            }
            throw Errors.badRequest(message);
        }
        if (!names.contains(asked) && !initNames.contains(asked) && !ephemeralNames.contains(asked)) {
            throw Errors.badRequest("container " + asked + " is not valid for pod " + pod.getMetadata().getName());
        }
        return asked;
    }

    /** The kubelet's choice of instance (validateContainerLogStatus), with its messages. */
    private static String containerId(String podName, PodStatus status, String container, boolean previous) {
        ContainerStatus found = null;
        if (status != null) {
            List<ContainerStatus> all = new ArrayList<>(status.getContainerStatuses());
            all.addAll(status.getInitContainerStatuses());
            all.addAll(status.getEphemeralContainerStatuses());
            for (ContainerStatus s : all) {
                if (s.getName().equals(container)) {
                    found = s;
                    break;
                }
            }
        }
        String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
        if (found == null) {
            throw Errors.badRequest(quoted + " is waiting to start: ContainerCreating");
        }
        ContainerState state = found.getState() == null ? new ContainerState() : found.getState();
        ContainerState last = found.getLastState() == null ? new ContainerState() : found.getLastState();
        if (previous) {
            if (last.getTerminated() == null || empty(last.getTerminated().getContainerID())) {
                throw Errors.badRequest("previous terminated " + quoted + " not found");
            }
            return last.getTerminated().getContainerID();
        }
        if (state.getRunning() != null) {
            return found.getContainerID();
        }
        if (state.getTerminated() != null) {
            if (!empty(state.getTerminated().getContainerID())) {
                return state.getTerminated().getContainerID();
            }
            if (last.getTerminated() != null && !empty(last.getTerminated().getContainerID())) {
                return last.getTerminated().getContainerID();
            }
            throw Errors.badRequest(quoted + " is terminated");
        }
        if (last.getTerminated() != null) {
            if (empty(last.getTerminated().getContainerID())) {
                throw Errors.badRequest(quoted + " is terminated");
            }
            return last.getTerminated().getContainerID();
        }
        String reason = state.getWaiting() == null ? "" : state.getWaiting().getReason();
        if ("ErrImagePull".equals(reason)) {
            throw Errors.badRequest(quoted + " is waiting to start: image can't be pulled");
        }
        if ("ImagePullBackOff".equals(reason)) {
            throw Errors.badRequest(quoted + " is waiting to start: trying and failing to pull image");
        }
        throw Errors.badRequest(quoted + " is waiting to start: " + (reason == null ? "" : reason));
    }

    private void stream(ContainerLogs.Instance instance, LogRequest request, OutputStream out) throws IOException {
        Instant since = request.since(clock.instant());
        ContainerLogs.Snapshot snapshot = instance.snapshot();
        List<ContainerLogs.Line> lines = new ArrayList<>();
        for (ContainerLogs.Line line : snapshot.lines()) {
            if (since == null || !line.time().isBefore(since)) {
                lines.add(line);
            }
        }
        if (request.tailLines() != null && lines.size() > request.tailLines()) {
            lines = lines.subList(lines.size() - request.tailLines().intValue(), lines.size());
        }
        Budget budget = new Budget(request.limitBytes());
        for (ContainerLogs.Line line : lines) {
            if (!write(out, line, request.timestamps(), budget)) {
                out.flush();
                return;
            }
        }
        out.flush();
        if (!request.follow()) {
            return;
        }
        long seen = snapshot.written();
        while (!snapshot.ended()) {
            try {
                snapshot = instance.await(seen, FOLLOW_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long fresh = snapshot.written() - seen;
            List<ContainerLogs.Line> kept = snapshot.lines();
            int from = (int) Math.max(0, kept.size() - fresh);
            for (ContainerLogs.Line line : kept.subList(from, kept.size())) {
                if (!write(out, line, request.timestamps(), budget)) {
                    out.flush();
                    return;
                }
            }
            seen = snapshot.written();
            out.flush();
        }
    }

    /** Writes a line within the byte budget; false once the budget is spent. */
    private static boolean write(OutputStream out, ContainerLogs.Line line, boolean timestamps, Budget budget)
            throws IOException {
        String text = (timestamps ? NANOS.format(line.time()) + " " : "") + line.text() + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (budget.remaining != null) {
            if (budget.remaining <= 0) {
                return false;
            }
            int n = (int) Math.min(bytes.length, budget.remaining);
            out.write(bytes, 0, n);
            budget.remaining -= n;
            return budget.remaining > 0;
        }
        out.write(bytes);
        return true;
    }

    private static final class Budget {
        Long remaining;

        Budget(Long limit) {
            this.remaining = limit;
        }
    }

    private static List<String> names(List<Container> containers) {
        List<String> names = new ArrayList<>();
        for (Container c : containers) {
            names.add(c.getName());
        }
        return names;
    }

    private static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    /** The query of a log request, checked as kube's ValidatePodLogOptions does. */
    record LogRequest(String container, boolean follow, boolean previous, boolean timestamps, Long tailLines,
            Long sinceSeconds, Instant sinceTime, Long limitBytes) {

        static LogRequest parse(SubresourceCall call) {
            LogRequest r = new LogRequest(call.parameter("container"), bool(call, "follow"), bool(call, "previous"),
                    bool(call, "timestamps"), number(call, "tailLines"), number(call, "sinceSeconds"),
                    time(call, "sinceTime"), number(call, "limitBytes"));
            List<FieldError> errors = new ArrayList<>();
            if (r.tailLines != null && r.tailLines < 0) {
                errors.add(FieldError.invalid("tailLines", r.tailLines, "must be greater than or equal to 0"));
            }
            if (r.limitBytes != null && r.limitBytes < 1) {
                errors.add(FieldError.invalid("limitBytes", r.limitBytes, "must be greater than 0"));
            }
            if (r.sinceSeconds != null && r.sinceTime != null) {
                errors.add(FieldError.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
            } else if (r.sinceSeconds != null && r.sinceSeconds < 1) {
                errors.add(FieldError.invalid("sinceSeconds", r.sinceSeconds, "must be greater than 0"));
            }
            if (!errors.isEmpty()) {
                throw Errors.invalid("PodLogOptions", "PodLogOptions", "", call.name(), errors);
            }
            return r;
        }

        Instant since(Instant now) {
            if (sinceSeconds != null) {
                return now.minusSeconds(sinceSeconds);
            }
            return sinceTime;
        }

        private static boolean bool(SubresourceCall call, String key) {
            String value = call.parameter(key);
            return value != null && (value.equals("true") || value.equals("1") || value.equals("True"));
        }

        private static Long number(SubresourceCall call, String key) {
            String value = call.parameter(key);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw Errors.badRequest("strconv.ParseInt: parsing " + io.kubeling.registry.validation.GoQuote.quote(value)
                        + ": invalid syntax");
            }
        }

        private static Instant time(SubresourceCall call, String key) {
            String value = call.parameter(key);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw Errors.badRequest("parsing time " + io.kubeling.registry.validation.GoQuote.quote(value)
                        + " as \"2006-01-02T15:04:05Z07:00\": cannot parse " + io.kubeling.registry.validation.GoQuote
                                .quote(value) + " as \"2006\"");
            }
        }
    }
}
