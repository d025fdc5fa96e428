package io.kubeling.controllers.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;

/**
 * kube's Job controller: pods up to parallelism until enough succeed, finished pods counted through
 * the {@code batch.kubernetes.io/job-tracking} finalizer and {@code uncountedTerminatedPods}, failure on
 * backoffLimit or activeDeadlineSeconds (FailureTarget, then Failed), success (SuccessCriteriaMet,
 * then Complete), and, as the TTL-after-finished controller, deletion once ttlSecondsAfterFinished passes.
 */
@Component
class JobController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("job-controller");
    /** kube's ttl-after-finished controller, which deletes finished Jobs. */
    static final WriteOptions TTL_WRITER = Managers.controller("ttl-after-finished-controller");

    static final String COMPONENT = "job-controller";
    static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    static final String INDEX = "batch.kubernetes.io/job-completion-index";
    private static final String ORPHANS_KEY = "*";
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(6);

    JobController(ControllerKit kit) {
        super("job-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(
                feed.subscribe(Job.class, this::onJob),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        queueEach(jobs().list(null, ListOptions.ALL).items());
    }

    private void onJob(Change<Job> change) {
        String ns = change.object().getMetadata().getNamespace();
        if (change.deleted()) {
            queue.add(ORPHANS_KEY + ns);
        } else {
            queue.add(key(ns, change.object().getMetadata().getName()));
        }
    }

    private void onPod(Change<Pod> change) {
        OwnerReference ref = Owners.controllerOf(change.object());
        if (ref != null && "Job".equals(ref.getKind())) {
            queue.add(key(change.object().getMetadata().getNamespace(), ref.getName()));
        }
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(ORPHANS_KEY)) {
            releaseOrphans(key.substring(ORPHANS_KEY.length()));
            return;
        }
        String[] parts = key.split("/", 2);
        Job job;
        try {
            job = jobs().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                releaseOrphans(parts[0]);
                return;
            }
            throw e;
        }
        new JobSync(job).run();
    }

    /** Pods whose Job is gone lose the tracking finalizer, so that they can go too. */
    private void releaseOrphans(String ns) {
        ResourceStore<Pod> pods = registry.store(Pod.class);
        for (Pod pod : pods.list(ns, ListOptions.ALL).items()) {
            OwnerReference ref = Owners.controllerOf(pod);
            if (!pod.getMetadata().getFinalizers().contains(TRACKING_FINALIZER)) {
                continue;
            }
            boolean jobExists = false;
            if (ref != null && "Job".equals(ref.getKind())) {
                try {
                    jobExists = jobs().get(ns, ref.getName()).getMetadata().getUid().equals(ref.getUid());
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            if (!jobExists) {
                removeFinalizer(pod);
            }
        }
    }

    private void removeFinalizer(Pod pod) {
        try {
            registry.store(Pod.class).update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null,
                    current -> {
                        if (!current.getMetadata().getFinalizers().contains(TRACKING_FINALIZER)) {
                            return current;
                        }
                        List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
                        finalizers.remove(TRACKING_FINALIZER);
                        current.getMetadata().setFinalizers(finalizers);
                        return current;
                    }, WRITER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** One sync of one Job. */
    private final class JobSync {

        private Job job;
        private final String ns;
        private final Instant now = clock.instant();

        JobSync(Job job) {
            this.job = job;
            this.ns = job.getMetadata().getNamespace();
            if (job.getStatus() == null) {
                job.setStatus(new JobStatus());
            }
        }

        void run() {
            JobStatus status = job.getStatus();
            // One read of the pods for the whole sync, as kube's: a pod that fails after it stays active here and
            // its change brings another sync, where a second read would find it neither counted nor active.
            List<Pod> pods = ownedPods();
            if (finished(status)) {
                pods.stream().filter(p -> p.getMetadata().getFinalizers().contains(TRACKING_FINALIZER))
                        .forEach(JobController.this::removeFinalizer);
                expireAfterTtl();
                return;
            }
            if (job.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
            if (status.getStartTime() == null && !suspended) {
                status.setStartTime(Timestamps.format(now));
            }
            countFinished(pods);
            List<Pod> active = pods.stream().filter(PodReadiness::active).toList();
            int succeeded = n(status.getSucceeded());
            int failed = n(status.getFailed());

            String failure = null;
            String failureMessage = null;
            if (failed > n(job.getSpec().getBackoffLimit())) {
                failure = "BackoffLimitExceeded";
                failureMessage = "Job has reached the specified backoff limit";
            } else if (pastDeadline()) {
                failure = "DeadlineExceeded";
                failureMessage = "Job was active longer than specified deadline";
            }
            boolean success = !hasCondition(status, "FailureTarget") && succeededEnough(succeeded, active.size());
            if (failure != null || hasCondition(status, "FailureTarget")) {
                if (!hasCondition(status, "FailureTarget")) {
                    setCondition(status, "FailureTarget", failure, failureMessage);
                    events.record(EventRecorder.reference(job), EventRecorder.WARNING, failure, failureMessage,
                            COMPONENT, null);
                }
                deletePods(active);
                if (pods.stream().noneMatch(p -> p.getMetadata().getFinalizers().contains(TRACKING_FINALIZER))
                        && active.isEmpty()) {
                    JobCondition target = condition(status, "FailureTarget");
                    setCondition(status, "Failed", target.getReason(), target.getMessage());
                }
                writeStatus(status, 0, pods);
                return;
            }
            if (success || hasCondition(status, "SuccessCriteriaMet")) {
                if (!hasCondition(status, "SuccessCriteriaMet")) {
                    setCondition(status, "SuccessCriteriaMet", "CompletionsReached",
                            "Reached expected number of succeeded pods");
                }
                deletePods(active);
                if (active.isEmpty()) {
                    setCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods");
                    status.setCompletionTime(Timestamps.format(now));
                    events.record(EventRecorder.reference(job), EventRecorder.NORMAL, "Completed", "Job completed",
                            COMPONENT, null);
                }
                writeStatus(status, 0, pods);
                if (active.isEmpty()) {
                    expireAfterTtl();
                }
                return;
            }
            List<Pod> running = new ArrayList<>(active);
            if (suspended) {
                deletePods(active);
                running.clear();
            } else {
                manage(running, succeeded, failed, pods);
            }
            writeStatus(status, running.size(), pods);
            scheduleDeadline();
        }

        private List<Pod> ownedPods() {
            List<Pod> owned = new ArrayList<>();
            for (Pod pod : registry.store(Pod.class).list(ns, ListOptions.ALL).items()) {
                if (Owners.controlledBy(pod, job)) {
                    owned.add(pod);
                }
            }
            return owned;
        }

        /** Counts finished pods: first noted as uncounted, then released from the finalizer, then added up. */
        private void countFinished(List<Pod> pods) {
            JobStatus status = job.getStatus();
            UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods() == null
                    ? new UncountedTerminatedPods() : status.getUncountedTerminatedPods();
            List<String> newSucceeded = new ArrayList<>(uncounted.getSucceeded());
            List<String> newFailed = new ArrayList<>(uncounted.getFailed());
            List<Pod> toRelease = new ArrayList<>();
            TreeSet<Integer> indexes = parseIndexes(status.getCompletedIndexes());
            boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
            for (Pod pod : pods) {
                if (!pod.getMetadata().getFinalizers().contains(TRACKING_FINALIZER)) {
                    continue;
                }
                String phase = PodReadiness.phase(pod);
                String uid = pod.getMetadata().getUid();
                boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
                if ("Succeeded".equals(phase)) {
                    Integer index = indexed ? index(pod) : null;
                    if (indexed && (index == null || indexes.contains(index))) {
                        toRelease.add(pod);
                        continue;
                    }
                    if (!newSucceeded.contains(uid)) {
                        newSucceeded.add(uid);
                    }
                    if (index != null) {
                        indexes.add(index);
                    }
                    toRelease.add(pod);
                } else if ("Failed".equals(phase) || deleting) {
                    if (!newFailed.contains(uid)) {
                        newFailed.add(uid);
                    }
                    toRelease.add(pod);
                }
            }
            if (toRelease.isEmpty() && newSucceeded.isEmpty() && newFailed.isEmpty()) {
                return;
            }
            // First record them as uncounted, so that a crash between steps loses no count.
            UncountedTerminatedPods pending = new UncountedTerminatedPods(newFailed, newSucceeded);
            status.setUncountedTerminatedPods(pending);
            writeStatus(status, n(status.getActive()), pods);
            for (Pod pod : toRelease) {
                removeFinalizer(pod);
                List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers());
                finalizers.remove(TRACKING_FINALIZER);
                pod.getMetadata().setFinalizers(finalizers);
            }
            status = job.getStatus();
            status.setSucceeded(n(status.getSucceeded()) + newSucceeded.size());
            status.setFailed(n(status.getFailed()) + newFailed.size());
            status.setSucceeded(zeroToNull(status.getSucceeded()));
            status.setFailed(zeroToNull(status.getFailed()));
            if (indexed) {
                status.setCompletedIndexes(formatIndexes(indexes));
            }
            status.setUncountedTerminatedPods(new UncountedTerminatedPods());
            writeStatus(status, n(status.getActive()), pods);
            if (!newFailed.isEmpty()) {
                lastFailure = now;
            }
        }

        private Instant lastFailure;

        private boolean succeededEnough(int succeeded, int active) {
            Integer completions = job.getSpec().getCompletions();
            if (completions == null) {
                return succeeded > 0 && active == 0;
            }
            return succeeded >= completions;
        }

        private boolean pastDeadline() {
            Long deadline = job.getSpec().getActiveDeadlineSeconds();
            Instant start = Timestamps.parse(job.getStatus().getStartTime());
            return deadline != null && start != null && !start.plusSeconds(deadline).isAfter(now);
        }

        private void scheduleDeadline() {
            Long deadline = job.getSpec().getActiveDeadlineSeconds();
            Instant start = Timestamps.parse(job.getStatus().getStartTime());
            if (deadline != null && start != null) {
                String key = key(ns, job.getMetadata().getName());
                timer.after(Duration.between(now, start.plusSeconds(deadline)).plusMillis(100), () -> queue.add(key));
            }
        }

        private void manage(List<Pod> active, int succeeded, int failed, List<Pod> pods) {
            int parallelism = n(job.getSpec().getParallelism());
            Integer completions = job.getSpec().getCompletions();
            int want;
            if (completions == null) {
                want = succeeded > 0 ? active.size() : parallelism;
            } else {
                want = Math.max(0, Math.min(completions - succeeded, parallelism));
            }
            if (active.size() > want) {
                List<Pod> extra = new ArrayList<>(active.subList(want, active.size()));
                deletePods(extra);
                active.removeAll(extra);
                return;
            }
            if (active.size() == want) {
                return;
            }
            if (failed > 0) {
                Duration backoff = BACKOFF.multipliedBy(1L << Math.min(20, failed - 1));
                if (backoff.compareTo(MAX_BACKOFF) > 0) {
                    backoff = MAX_BACKOFF;
                }
                Instant last = lastFailure != null ? lastFailure : lastFinished(pods);
                if (last != null && last.plus(backoff).isAfter(now)) {
                    String key = key(ns, job.getMetadata().getName());
                    timer.after(Duration.between(now, last.plus(backoff)).plusMillis(50), () -> queue.add(key));
                    return;
                }
            }
            List<Integer> freeIndexes = freeIndexes(active);
            int toCreate = want - active.size();
            for (int i = 0; i < toCreate; i++) {
                Integer index = null;
                if ("Indexed".equals(job.getSpec().getCompletionMode())) {
                    if (i >= freeIndexes.size()) {
                        break;
                    }
                    index = freeIndexes.get(i);
                }
                try {
                    Pod created = registry.store(Pod.class).create(ns, podFor(index), WRITER);
                    active.add(created);
                    events.record(EventRecorder.reference(job), EventRecorder.NORMAL, "SuccessfulCreate",
                            "Created pod: " + created.getMetadata().getName(), COMPONENT, null);
                } catch (StatusException e) {
                    events.record(EventRecorder.reference(job), EventRecorder.WARNING, "FailedCreate",
                            "Error creating: " + e.getMessage(), COMPONENT, null);
                    throw e;
                }
            }
        }

        private Instant lastFinished(List<Pod> pods) {
            Instant last = null;
            for (Pod pod : pods) {
                if ("Failed".equals(PodReadiness.phase(pod)) && pod.getStatus() != null) {
                    for (var cs : pod.getStatus().getContainerStatuses()) {
                        if (cs.getState() != null && cs.getState().getTerminated() != null) {
                            Instant t = Timestamps.parse(cs.getState().getTerminated().getFinishedAt());
                            if (t != null && (last == null || t.isAfter(last))) {
                                last = t;
                            }
                        }
                    }
                }
            }
            return last;
        }

        private List<Integer> freeIndexes(List<Pod> active) {
            List<Integer> free = new ArrayList<>();
            if (!"Indexed".equals(job.getSpec().getCompletionMode())) {
                return free;
            }
            TreeSet<Integer> done = parseIndexes(job.getStatus().getCompletedIndexes());
            List<Integer> running = active.stream().map(JobController::index).filter(Objects::nonNull).toList();
            for (int i = 0; i < n(job.getSpec().getCompletions()); i++) {
                if (!done.contains(i) && !running.contains(i)) {
                    free.add(i);
                }
            }
            return free;
        }

        private Pod podFor(Integer index) {
            PodTemplateSpec template = job.getSpec().getTemplate();
            ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
            Pod pod = new Pod();
            ObjectMeta meta = new ObjectMeta();
            String name = job.getMetadata().getName();
            meta.setGenerateName(index == null ? name + "-" : name + "-" + index + "-");
            meta.setNamespace(ns);
            Map<String, String> labels = tm.getLabels() == null ? new HashMap<>() : new HashMap<>(tm.getLabels());
            Map<String, String> annotations = tm.getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(tm.getAnnotations());
            if (index != null) {
                labels.put(INDEX, Integer.toString(index));
                annotations.put(INDEX, Integer.toString(index));
            }
            meta.setLabels(labels);
            meta.setAnnotations(annotations.isEmpty() ? null : annotations);
            List<String> finalizers = new ArrayList<>(tm.getFinalizers() == null ? List.of() : tm.getFinalizers());
            finalizers.add(TRACKING_FINALIZER);
            meta.setFinalizers(finalizers);
            meta.setOwnerReferences(List.of(Owners.controllerReference(job)));
            pod.setMetadata(meta);
            PodSpec spec = codec.mapper().convertValue(template.getSpec(), PodSpec.class);
            if (index != null && (spec.getHostname() == null || spec.getHostname().isEmpty())) {
                spec.setHostname(name + "-" + index);
            }
            if (index != null) {
                for (var c : spec.getContainers()) {
                    List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>(c.getEnv());
                    env.add(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("JOB_COMPLETION_INDEX")
                            .withNewValueFrom().withNewFieldRef().withFieldPath(
                                    "metadata.labels['" + INDEX + "']").endFieldRef().endValueFrom().build());
                    c.setEnv(env);
                }
            }
            pod.setSpec(spec);
            return pod;
        }

        private void deletePods(List<Pod> pods) {
            for (Pod pod : pods) {
                try {
                    registry.store(Pod.class).delete(ns, pod.getMetadata().getName(), Managers.deleting(WRITER));
                    events.record(EventRecorder.reference(job), EventRecorder.NORMAL, "SuccessfulDelete",
                            "Deleted pod: " + pod.getMetadata().getName(), COMPONENT, null);
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }

        private void writeStatus(JobStatus status, int active, List<Pod> pods) {
            status.setActive(zeroToNull(active));
            int ready = 0;
            int terminating = 0;
            for (Pod pod : pods) {
                if (PodReadiness.active(pod) && PodReadiness.ready(pod)) {
                    ready++;
                }
                String phase = PodReadiness.phase(pod);
                if (pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase)
                        && !"Failed".equals(phase)) {
                    terminating++;
                }
            }
            status.setReady(finished(status) ? status.getReady() : (Integer) ready);
            status.setTerminating(terminating);
            if (status.getUncountedTerminatedPods() == null) {
                status.setUncountedTerminatedPods(new UncountedTerminatedPods());
            }
            String version = job.getMetadata().getResourceVersion();
            // the written object is shared with watchers: it gets a copy of the status the sync goes on with
            Job updated = jobs().update(ns, job.getMetadata().getName(), "status", current -> {
                current.getMetadata().setResourceVersion(version);
                current.setStatus(codec.copy(status));
                return current;
            }, WRITER).object();
            if (updated != null) {
                job = codec.copy(updated);
                job.setStatus(status);
            }
        }

        /** The TTL-after-finished controller: a finished job goes once its time is up. */
        private void expireAfterTtl() {
            Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
            if (ttl == null) {
                return;
            }
            JobCondition finish = condition(job.getStatus(), "Complete");
            if (finish == null || !"True".equals(finish.getStatus())) {
                finish = condition(job.getStatus(), "Failed");
            }
            Instant finishedAt = finish == null ? null : Timestamps.parse(finish.getLastTransitionTime());
            if (finishedAt == null) {
                return;
            }
            Instant expiry = finishedAt.plusSeconds(ttl);
            if (expiry.isAfter(now)) {
                String key = key(ns, job.getMetadata().getName());
                timer.after(Duration.between(now, expiry).plusMillis(100), () -> queue.add(key));
                return;
            }
            try {
                jobs().delete(ns, job.getMetadata().getName(), Managers.deleting(TTL_WRITER,
                        new DeleteOptions(false, null, job.getMetadata().getUid(), null, "Foreground")));
            } catch (StatusException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }

        private void setCondition(JobStatus status, String type, String reason, String message) {
            String t = Timestamps.format(now);
            List<JobCondition> conditions = new ArrayList<>(status.getConditions());
            conditions.removeIf(c -> c.getType().equals(type));
            conditions.add(new JobCondition(t, t, message, reason, "True", type));
            status.setConditions(conditions);
        }
    }

    static boolean finished(JobStatus status) {
        return hasCondition(status, "Complete") || hasCondition(status, "Failed");
    }

    static boolean hasCondition(JobStatus status, String type) {
        JobCondition c = condition(status, type);
        return c != null && "True".equals(c.getStatus());
    }

    static JobCondition condition(JobStatus status, String type) {
        for (JobCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    static Integer index(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String v = annotations == null ? null : annotations.get(INDEX);
        try {
            return v == null ? null : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** completedIndexes' interval form: {@code 1,3-5,7}. */
    static TreeSet<Integer> parseIndexes(String text) {
        TreeSet<Integer> out = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    static String formatIndexes(TreeSet<Integer> indexes) {
        StringBuilder s = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (start == null) {
                start = i;
            } else if (i != prev + 1) {
                append(s, start, prev);
                start = i;
            }
            prev = i;
        }
        if (start != null) {
            append(s, start, prev);
        }
        return s.isEmpty() ? null : s.toString();
    }

    private static void append(StringBuilder s, int from, int to) {
        if (!s.isEmpty()) {
            s.append(',');
        }
        s.append(from);
        if (to > from) {
            s.append('-').append(to);
        }
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    private static Integer zeroToNull(Integer n) {
        return n == null || n == 0 ? null : n;
    }

    private ResourceStore<Job> jobs() {
        return registry.store(Job.class);
    }

}
