package io.kubeling.controllers.cronjobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.common.KubeTime;
import io.kubeling.resources.cronjobs.CronSchedule;

/**
 * kube's cronjob_controllerv2: at each time the schedule names (in the CronJob's time zone) a Job named after the
 * CronJob and the scheduled minute, unless suspended, too late for startingDeadlineSeconds, or forbidden by the
 * concurrency policy (Forbid skips, Replace deletes the running ones); status.active follows the Jobs, with
 * lastScheduleTime and lastSuccessfulTime; finished Jobs past the history limits are deleted. The CronJob is synced
 * again 100 ms after its next scheduled time, on the simulation's clock.
 */
@Component
class CronJobController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("cronjob-controller");

    static final String COMPONENT = "cronjob-controller";
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    /** kube's nextScheduleDelta: a sync just after the scheduled time, not at it. */
    private static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX",
            Locale.ROOT);
    private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    CronJobController(ControllerKit kit) {
        super("cronjob-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(
                feed.subscribe(CronJob.class, this::onCronJob),
                feed.subscribe(Job.class, this::onJob));
    }

    @Override
    protected void queueExisting() {
        queueEach(cronJobs().list(null, ListOptions.ALL).items());
    }

    /**
     * updateCronJob: a new schedule or time zone is first synced at its next time, so that a time it names before
     * now starts nothing; any other change is synced at once.
     */
    private void onCronJob(Change<CronJob> change) {
        if (change.deleted()) {
            return;
        }
        CronJob cronJob = change.object();
        String key = key(cronJob.getMetadata().getNamespace(), cronJob.getMetadata().getName());
        CronJob old = change.previous();
        if (old == null || (Objects.equals(old.getSpec().getSchedule(), cronJob.getSpec().getSchedule())
                && Objects.equals(old.getSpec().getTimeZone(), cronJob.getSpec().getTimeZone()))) {
            queue.add(key);
            return;
        }
        CronSchedule schedule;
        try {
            schedule = schedule(cronJob, false);
        } catch (CronSchedule.InvalidSchedule e) {
            events.record(EventRecorder.reference(cronJob), EventRecorder.WARNING, "UnParseableCronJobSchedule",
                    "unparseable schedule for cronjob: " + cronJob.getSpec().getSchedule(), COMPONENT, null);
            return;
        }
        CronJob copy = codec.copy(cronJob);
        if (copy.getStatus() == null) {
            copy.setStatus(new CronJobStatus());
        }
        CronJobSync at = new CronJobSync(copy, List.of());
        Duration delay = at.nextScheduleTimeDuration(schedule);
        if (delay != null) {
            timer.after(Duration.between(clock.instant(), at.now.plus(delay)), () -> queue.add(key));
        }
    }

    private void onJob(Change<Job> change) {
        OwnerReference ref = Owners.controllerOf(change.object());
        if (ref != null && "CronJob".equals(ref.getKind())) {
            queue.add(key(change.object().getMetadata().getNamespace(), ref.getName()));
        }
    }

    @Override
    protected void sync(String key) {
        String[] parts = key.split("/", 2);
        CronJob cronJob;
        try {
            cronJob = codec.copy(cronJobs().get(parts[0], parts[1]));
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (cronJob.getStatus() == null) {
            cronJob.setStatus(new CronJobStatus());
        }
        List<Job> jobs = jobs().list(parts[0], ListOptions.ALL).items().stream()
                .filter(j -> Owners.controlledBy(j, cronJob)).toList();
        String version = cronJob.getMetadata().getResourceVersion();
        boolean cleaned = cleanupFinishedJobs(cronJob, jobs);
        CronJobSync sync = new CronJobSync(cronJob, jobs);
        RuntimeException failure = null;
        try {
            sync.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (cleaned || sync.updateStatus) {
            CronJobStatus status = codec.copy(cronJob.getStatus());
            cronJobs().update(parts[0], parts[1], "status", current -> {
                current.getMetadata().setResourceVersion(version);
                current.setStatus(status);
                return current;
            }, WRITER);
        }
        if (sync.requeueAfter != null) {
            // due at an instant of the clock, which may have moved on since the sync read it
            Instant due = sync.now.plus(sync.requeueAfter);
            timer.after(Duration.between(clock.instant(), due), () -> queue.add(key));
            return;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One run of syncCronJob over a copy of the CronJob, whose status it changes in place. */
    private final class CronJobSync {

        private final CronJob cronJob;
        private final List<Job> jobs;
        final Instant now = clock.instant();
        boolean updateStatus;
        Duration requeueAfter;

        CronJobSync(CronJob cronJob, List<Job> jobs) {
            this.cronJob = cronJob;
            this.jobs = jobs;
        }

        void run() {
            CronJobStatus status = cronJob.getStatus();
            List<String> children = new ArrayList<>();
            for (Job job : jobs) {
                String uid = job.getMetadata().getUid();
                children.add(uid);
                boolean found = inActiveList(uid);
                String finished = finishedStatus(job);
                if (!found && finished == null) {
                    event(EventRecorder.WARNING, "UnexpectedJob",
                            "Saw a job that the controller did not create or forgot: " + job.getMetadata().getName());
                } else if (found && finished != null) {
                    removeFromActive(uid);
                    event(EventRecorder.NORMAL, "SawCompletedJob", "Saw completed job: " + job.getMetadata().getName()
                            + ", status: " + finished);
                    updateStatus = true;
                } else if ("Complete".equals(finished)) {
                    String completed = job.getStatus().getCompletionTime();
                    Instant last = KubeTime.parse(status.getLastSuccessfulTime());
                    Instant at = KubeTime.parse(completed);
                    if (status.getLastSuccessfulTime() == null || (at != null && last != null && at.isAfter(last))) {
                        status.setLastSuccessfulTime(completed);
                        updateStatus = true;
                    }
                }
            }
            for (ObjectReference ref : new ArrayList<>(status.getActive())) {
                if (children.contains(ref.getUid())) {
                    continue;
                }
                try {
                    jobs().get(ref.getNamespace(), ref.getName());
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                    event(EventRecorder.NORMAL, "MissingJob", "Active job went missing: " + ref.getName());
                    removeFromActive(ref.getUid());
                    updateStatus = true;
                }
            }
            if (cronJob.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            String zone = cronJob.getSpec().getTimeZone();
            if (zone != null && CronSchedule.location(zone) == null) {
                event(EventRecorder.WARNING, "UnknownTimeZone", "invalid timeZone: \"" + zone
                        + "\": unknown time zone " + zone);
                return;
            }
            if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
                return;
            }
            CronSchedule schedule;
            try {
                schedule = schedule(cronJob, true);
            } catch (CronSchedule.InvalidSchedule e) {
                event(EventRecorder.WARNING, "UnparseableSchedule", "unparseable schedule: \""
                        + cronJob.getSpec().getSchedule() + "\" : " + e.getMessage());
                return;
            }
            Instant scheduled;
            try {
                scheduled = nextScheduleTime(schedule);
            } catch (InvalidSchedule e) {
                event(EventRecorder.WARNING, "InvalidSchedule", "invalid schedule: " + cronJob.getSpec().getSchedule()
                        + " : " + e.getMessage());
                return;
            }
            if (scheduled == null) {
                requeueAfter = nextScheduleTimeDuration(schedule);
                return;
            }
            Long deadline = deadline(cronJob);
            if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
                event(EventRecorder.WARNING, "MissSchedule", "Missed scheduled time to start a job: "
                        + RFC1123Z.format(scheduled.atZone(ZoneOffset.UTC)));
                requeueAfter = nextScheduleTimeDuration(schedule);
                return;
            }
            String jobName = jobName(scheduled);
            boolean processed = status.getActive().stream().anyMatch(r -> jobName.equals(r.getName())
                    && cronJob.getMetadata().getNamespace().equals(r.getNamespace()))
                    || scheduled.equals(KubeTime.parse(status.getLastScheduleTime()));
            if (processed) {
                requeueAfter = nextScheduleTimeDuration(schedule);
                return;
            }
            String policy = cronJob.getSpec().getConcurrencyPolicy();
            if ("Forbid".equals(policy) && !status.getActive().isEmpty()) {
                event(EventRecorder.NORMAL, "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid");
                requeueAfter = nextScheduleTimeDuration(schedule);
                return;
            }
            if ("Replace".equals(policy)) {
                for (ObjectReference ref : new ArrayList<>(status.getActive())) {
                    Job job;
                    try {
                        job = jobs().get(ref.getNamespace(), ref.getName());
                    } catch (StatusException e) {
                        event(EventRecorder.WARNING, "FailedGet", "Get job: " + e.getMessage());
                        throw e;
                    }
                    if (!deleteJob(cronJob, job)) {
                        throw new IllegalStateException("could not replace job " + ref.getNamespace() + "/"
                                + ref.getName());
                    }
                    updateStatus = true;
                }
            }
            Job created;
            try {
                created = jobs().create(cronJob.getMetadata().getNamespace(), jobFor(scheduled, zone),
                        WRITER);
                event(EventRecorder.NORMAL, "SuccessfulCreate", "Created job " + created.getMetadata().getName());
            } catch (StatusException e) {
                if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) {
                    event(EventRecorder.WARNING, "FailedCreate", "Error creating job: " + e.getMessage());
                    throw e;
                }
                // created before, and the status not written: take it into the active list again if it is ours
                created = jobs().get(cronJob.getMetadata().getNamespace(), jobName);
                if (!Owners.controlledBy(created, cronJob) || inActiveList(created.getMetadata().getUid())) {
                    return;
                }
            }
            List<ObjectReference> active = new ArrayList<>(status.getActive());
            active.add(EventRecorder.reference(created));
            status.setActive(active);
            status.setLastScheduleTime(Timestamps.format(scheduled));
            updateStatus = true;
            requeueAfter = nextScheduleTimeDuration(schedule);
        }

        /** getJobFromTemplate2: the template's labels, annotations and spec, owned by the CronJob. */
        private Job jobFor(Instant scheduled, String zone) {
            ObjectMeta template = cronJob.getSpec().getJobTemplate().getMetadata() == null ? new ObjectMeta()
                    : cronJob.getSpec().getJobTemplate().getMetadata();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(jobName(scheduled));
            meta.setNamespace(cronJob.getMetadata().getNamespace());
            meta.setLabels(template.getLabels() == null ? null : new HashMap<>(template.getLabels()));
            Map<String, String> annotations = template.getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(template.getAnnotations());
            ZoneId location = zone == null ? ZoneOffset.UTC : CronSchedule.location(zone);
            annotations.put(SCHEDULED_TIMESTAMP, RFC3339.format(scheduled.atZone(location)));
            meta.setAnnotations(annotations);
            meta.setOwnerReferences(List.of(Owners.controllerReference(cronJob)));
            Job job = new Job();
            job.setMetadata(meta);
            job.setSpec(codec.copy(cronJob.getSpec().getJobTemplate().getSpec()));
            return job;
        }

        private String jobName(Instant scheduled) {
            return cronJob.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
        }

        /** nextScheduleTime: the latest missed time to start a job at, or null; warns of too many missed. */
        private Instant nextScheduleTime(CronSchedule schedule) throws InvalidSchedule {
            MostRecent recent = mostRecentScheduleTime(schedule, true);
            if (recent.time == null || recent.time.isAfter(now)) {
                return null;
            }
            if (recent.missed == Missed.MANY) {
                event(EventRecorder.WARNING, "TooManyMissedTimes", "too many missed start times. Set or decrease "
                        + ".spec.startingDeadlineSeconds or check clock skew");
            }
            return recent.time;
        }

        /** nextScheduleTimeDuration: from now to 100 ms after the next time the schedule names. */
        private Duration nextScheduleTimeDuration(CronSchedule schedule) {
            Instant from;
            try {
                MostRecent recent = mostRecentScheduleTime(schedule, false);
                from = recent.time != null ? recent.time : recent.missed == Missed.NONE ? recent.earliest : now;
            } catch (InvalidSchedule e) {
                from = now;
            }
            Instant next = schedule.next(from);
            return next == null ? null : Duration.between(now, next.plus(NEXT_SCHEDULE_DELTA));
        }

        /**
         * mostRecentScheduleTime: from the last schedule time (or the creation, or the starting deadline), the latest
         * time up to now that the schedule names, found by estimating how many were missed rather than walking them.
         */
        private MostRecent mostRecentScheduleTime(CronSchedule schedule, boolean withDeadline) throws InvalidSchedule {
            Instant earliest = KubeTime.parse(cronJob.getMetadata().getCreationTimestamp());
            Instant last = KubeTime.parse(cronJob.getStatus().getLastScheduleTime());
            if (last != null) {
                earliest = last;
            }
            Long deadline = deadline(cronJob);
            if (withDeadline && deadline != null) {
                Instant schedulingDeadline = now.minusSeconds(deadline);
                if (schedulingDeadline.isAfter(earliest)) {
                    earliest = schedulingDeadline;
                }
            }
            Instant t1 = schedule.next(earliest);
            Instant t2 = t1 == null ? null : schedule.next(t1);
            if (t1 == null || now.isBefore(t1)) {
                return new MostRecent(earliest, null, Missed.NONE);
            }
            if (t2 == null || now.isBefore(t2)) {
                return new MostRecent(earliest, t1, Missed.NONE);
            }
            long between = Math.round(Duration.between(t1, t2).toMillis() / 1000.0);
            if (between < 1) {
                throw new InvalidSchedule("time difference between two schedules is less than 1 second");
            }
            long elapsed = Duration.between(t1, now).getSeconds();
            long missedCount = elapsed / between + 1;
            Instant potentialEarliest = t1.plusSeconds((missedCount - 1 - 1) * between);
            Instant mostRecent = null;
            for (Instant t = schedule.next(potentialEarliest); t != null && !t.isAfter(now); t = schedule.next(t)) {
                mostRecent = t;
            }
            Missed missed = missedCount > 100 ? Missed.MANY : missedCount > 0 ? Missed.FEW : Missed.NONE;
            return new MostRecent(earliest, mostRecent, missed);
        }

        private boolean inActiveList(String uid) {
            return cronJob.getStatus().getActive().stream().anyMatch(r -> uid != null && uid.equals(r.getUid()));
        }

        private void removeFromActive(String uid) {
            removeActive(cronJob, uid);
        }

        private void event(String type, String reason, String message) {
            events.record(EventRecorder.reference(cronJob), type, reason, message, COMPONENT, null);
        }
    }

    /** startingDeadlineSeconds, bounded to a century so that no instant overflows with it. */
    private static Long deadline(CronJob cronJob) {
        Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
        return deadline == null ? null : Math.min(deadline, 100L * 366 * 24 * 3600);
    }

    /** formatSchedule: the schedule in its time zone, warning of a TZ inside the schedule itself. */
    private CronSchedule schedule(CronJob cronJob, boolean warn) throws CronSchedule.InvalidSchedule {
        String spec = cronJob.getSpec().getSchedule() == null ? "" : cronJob.getSpec().getSchedule();
        if (spec.contains("TZ")) {
            if (warn) {
                events.record(EventRecorder.reference(cronJob), EventRecorder.WARNING, "UnsupportedSchedule",
                        "CRON_TZ or TZ used in schedule \"" + spec + "\" is not officially supported, see "
                                + "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details",
                        COMPONENT, null);
            }
            return CronSchedule.parse(spec, ZoneOffset.UTC);
        }
        String zone = cronJob.getSpec().getTimeZone();
        ZoneId location = zone == null ? null : CronSchedule.location(zone);
        return CronSchedule.parse(spec, location == null ? ZoneOffset.UTC : location);
    }

    /** cleanupFinishedJobs: the oldest finished Jobs beyond each history limit go. */
    private boolean cleanupFinishedJobs(CronJob cronJob, List<Job> jobs) {
        Integer successLimit = cronJob.getSpec().getSuccessfulJobsHistoryLimit();
        Integer failureLimit = cronJob.getSpec().getFailedJobsHistoryLimit();
        if (successLimit == null && failureLimit == null) {
            return false;
        }
        List<Job> succeeded = jobs.stream().filter(j -> "Complete".equals(finishedStatus(j))).toList();
        List<Job> failed = jobs.stream().filter(j -> "Failed".equals(finishedStatus(j))).toList();
        boolean update = false;
        if (successLimit != null && removeOldest(cronJob, succeeded, successLimit)) {
            update = true;
        }
        if (failureLimit != null && removeOldest(cronJob, failed, failureLimit)) {
            update = true;
        }
        return update;
    }

    private boolean removeOldest(CronJob cronJob, List<Job> jobs, int keep) {
        int toDelete = jobs.size() - keep;
        if (toDelete <= 0) {
            return false;
        }
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(BY_START_TIME);
        boolean update = false;
        for (int i = 0; i < toDelete; i++) {
            if (deleteJob(cronJob, sorted.get(i))) {
                update = true;
            }
        }
        return update;
    }

    /** byJobStartTime: started before not started, earlier first, then by name. */
    private static final Comparator<Job> BY_START_TIME = (a, b) -> {
        Instant sa = a.getStatus() == null ? null : KubeTime.parse(a.getStatus().getStartTime());
        Instant sb = b.getStatus() == null ? null : KubeTime.parse(b.getStatus().getStartTime());
        if (sa == null && sb != null) {
            return 1;
        }
        if (sa != null && sb == null) {
            return -1;
        }
        if (sa == null || sa.equals(sb)) {
            return a.getMetadata().getName().compareTo(b.getMetadata().getName());
        }
        return sa.compareTo(sb);
    };

    /** deleteJob: the Job in the background, its reference out of the active list. */
    private boolean deleteJob(CronJob cronJob, Job job) {
        try {
            jobs().delete(job.getMetadata().getNamespace(), job.getMetadata().getName(),
                    Managers.deleting(WRITER, new DeleteOptions(false, null, null, null, "Background")));
        } catch (StatusException e) {
            events.record(EventRecorder.reference(cronJob), EventRecorder.WARNING, "FailedDelete",
                    "Deleted job: " + e.getMessage(), COMPONENT, null);
            return false;
        }
        removeActive(cronJob, job.getMetadata().getUid());
        events.record(EventRecorder.reference(cronJob), EventRecorder.NORMAL, "SuccessfulDelete",
                "Deleted job " + job.getMetadata().getName(), COMPONENT, null);
        return true;
    }

    private static void removeActive(CronJob cronJob, String uid) {
        List<ObjectReference> active = new ArrayList<>(cronJob.getStatus().getActive());
        active.removeIf(r -> uid != null && uid.equals(r.getUid()));
        cronJob.getStatus().setActive(active);
    }

    /** getFinishedStatus: Complete or Failed when one of them holds, else null. */
    static String finishedStatus(Job job) {
        if (job.getStatus() == null) {
            return null;
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                return c.getType();
            }
        }
        return null;
    }

    private enum Missed {
        NONE, FEW, MANY
    }

    private record MostRecent(Instant earliest, Instant time, Missed missed) {
    }

    /** A schedule whose times cannot be told apart, as kube's mostRecentScheduleTime refuses. */
    private static final class InvalidSchedule extends Exception {
        InvalidSchedule(String message) {
            super(message, null, false, false);
        }
    }

    private ResourceStore<CronJob> cronJobs() {
        return registry.store(CronJob.class);
    }

    private ResourceStore<Job> jobs() {
        return registry.store(Job.class);
    }
}
