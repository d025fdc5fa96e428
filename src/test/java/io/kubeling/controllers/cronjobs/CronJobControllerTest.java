package io.kubeling.controllers.cronjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.WriteOptions;

/**
 * The CronJob controller on the registry and a stopped clock, without the Job controller: the tests finish Jobs by
 * writing their status and move time to the scheduled minutes. The class runs alongside others on a cluster of its
 * own, its tests one after another, each in a namespace of its own whose CronJobs it deletes as it ends, since
 * moving the clock moves every CronJob's schedule.
 */
@Execution(ExecutionMode.CONCURRENT)
class CronJobControllerTest {

    private static StoppedCluster cluster;
    private static int namespaces;
    private String ns;
    /** The minute the test starts in; the tests' times are counted from it. */
    private Instant base;

    @BeforeAll
    static void build() {
        cluster = new StoppedCluster();
        cluster.start(new CronJobController(cluster.kit()));
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @BeforeEach
    void namespace() {
        ns = "cron-" + ++namespaces;
        base = cluster.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        cluster.advance(Duration.between(cluster.now(), base));
    }

    @AfterEach
    void deleteCronJobs() {
        for (CronJob cj : cluster.list(CronJob.class, ns)) {
            cluster.store(CronJob.class).delete(ns, cj.getMetadata().getName(), DeleteOptions.DEFAULT);
        }
    }

    /** The instant {@code minutes} after the test's first minute. */
    private Instant minute(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    /** Moves the clock to {@code seconds} past the test's minute {@code minutes}. */
    private void advanceTo(int minutes, int seconds) {
        cluster.advance(Duration.between(cluster.now(), minute(minutes).plusSeconds(seconds)));
    }

    /**
     * Creates a CronJob and, unless it is suspended, waits for its first sync to have set the time of the next, so
     * that the test moves the clock from a state the controller has seen.
     */
    private CronJob create(String name, String spec) {
        int deadlines = cluster.pendingDeadlines();
        CronJob created = cluster.create(ns, CronJob.class, """
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"%s"},"spec":{%s
                 "jobTemplate":{"metadata":{"labels":{"team":"ops"}},"spec":{"template":{"spec":{
                   "restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}}
                """.formatted(name, spec));
        if (!spec.contains("\"suspend\":true")) {
            cluster.awaitUntil(() -> cluster.pendingDeadlines() > deadlines);
        }
        return created;
    }

    private List<Job> jobs() {
        return cluster.list(Job.class, ns);
    }

    private String nameAt(String cronJob, int minutes) {
        return cronJob + "-" + minute(minutes).getEpochSecond() / 60;
    }

    private CronJob cronJob(String name) {
        return cluster.get(CronJob.class, ns, name);
    }

    private List<String> events(String name) {
        return cluster.events(ns, name);
    }

    /** Writes the Job's end, as the Job controller would. */
    private void finish(String job, String type) {
        String now = cluster.now().toString();
        cluster.store(Job.class).update(ns, job, "status", current -> {
            current.getStatus().setStartTime(current.getStatus().getStartTime() == null ? now
                    : current.getStatus().getStartTime());
            current.getStatus().setConditions(List.of(new JobCondition(now, now, "", type, "True", type)));
            if (type.equals("Complete")) {
                current.getStatus().setCompletionTime(now);
            }
            return current;
        }, WriteOptions.DEFAULT);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void createsAJobNamedForEachScheduledMinuteAndFollowsItToItsEnd() {
        create("hello", "\"schedule\":\"*/1 * * * *\",");
        advanceTo(0, 59);
        assertThat(jobs()).isEmpty();

        advanceTo(1, 1);
        String first = nameAt("hello", 1);
        Job job = cluster.await(Job.class, ns, first, j -> true);
        assertThat(job.getMetadata().getAnnotations()).containsEntry(
                "batch.kubernetes.io/cronjob-scheduled-timestamp", minute(1).toString());
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "ops");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("CronJob");
            assertThat(ref.getName()).isEqualTo("hello");
            assertThat(ref.getController()).isTrue();
        });
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
        CronJob cj = cluster.await(CronJob.class, ns, "hello", c -> c.getStatus().getActive().size() == 1);
        assertThat(cj.getStatus().getActive().get(0).getName()).isEqualTo(first);
        assertThat(cj.getStatus().getLastScheduleTime()).isEqualTo(minute(1).toString());
        assertThat(cluster.awaitEvent(ns, "hello", "SuccessfulCreate")).isEqualTo("Created job " + first);

        finish(first, "Complete");
        cj = cluster.await(CronJob.class, ns, "hello", c -> c.getStatus().getLastSuccessfulTime() != null);
        assertThat(cj.getStatus().getActive()).isEmpty();
        assertThat(cluster.awaitEvent(ns, "hello", "SawCompletedJob"))
                .isEqualTo("Saw completed job: " + first + ", status: Complete");

        advanceTo(2, 1);
        cluster.await(Job.class, ns, nameAt("hello", 2), j -> true);
        cluster.await(CronJob.class, ns, "hello",
                c -> minute(2).toString().equals(c.getStatus().getLastScheduleTime()));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void forbidSkipsWhileAJobRunsAndReplaceDeletesIt() {
        create("forbid", "\"schedule\":\"*/1 * * * *\",\"concurrencyPolicy\":\"Forbid\",");
        create("replace", "\"schedule\":\"*/1 * * * *\",\"concurrencyPolicy\":\"Replace\",");
        advanceTo(1, 1);
        cluster.await(CronJob.class, ns, "forbid", c -> c.getStatus().getActive().size() == 1);
        cluster.await(CronJob.class, ns, "replace", c -> c.getStatus().getActive().size() == 1);

        advanceTo(2, 1);
        assertThat(cluster.awaitEvent(ns, "forbid", "JobAlreadyActive"))
                .isEqualTo("Not starting job because prior execution is running and concurrency policy is Forbid");
        String replaced = nameAt("replace", 1);
        String replacement = nameAt("replace", 2);
        cluster.await(CronJob.class, ns, "replace", c -> c.getStatus().getActive().size() == 1
                && c.getStatus().getActive().get(0).getName().equals(replacement));
        assertThat(cluster.awaitEvent(ns, "replace", "SuccessfulDelete")).isEqualTo("Deleted job " + replaced);
        assertThat(jobs()).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder(
                nameAt("forbid", 1), replacement);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void historyLimitsKeepTheNewestFinishedJobs() {
        create("tidy", "\"schedule\":\"*/1 * * * *\",\"successfulJobsHistoryLimit\":1,\"failedJobsHistoryLimit\":0,");
        for (int minute = 1; minute <= 3; minute++) {
            advanceTo(minute, 1);
            String name = nameAt("tidy", minute);
            cluster.await(CronJob.class, ns, "tidy", c -> c.getStatus().getActive().size() == 1
                    && c.getStatus().getActive().get(0).getName().equals(name));
            finish(name, minute == 3 ? "Failed" : "Complete");
            cluster.await(CronJob.class, ns, "tidy", c -> c.getStatus().getActive().isEmpty());
        }
        cluster.awaitUntil(() -> jobs().size() == 1);
        assertThat(jobs().get(0).getMetadata().getName()).isEqualTo(nameAt("tidy", 2));
        List<String> deletions = List.of("SuccessfulDelete: Deleted job " + nameAt("tidy", 1),
                "SuccessfulDelete: Deleted job " + nameAt("tidy", 3));
        cluster.awaitUntil(() -> events("tidy").containsAll(deletions));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void suspendedCronJobsStartNothingAndTooManyMissedTimesAreReportedOnResume() {
        create("paused", "\"schedule\":\"*/1 * * * *\",\"suspend\":true,");
        advanceTo(150, 0);
        assertThat(jobs()).isEmpty();

        cluster.store(CronJob.class).update(ns, "paused", null, c -> {
            c.getSpec().setSuspend(false);
            return c;
        }, WriteOptions.DEFAULT);
        cluster.await(Job.class, ns, nameAt("paused", 150), j -> true);
        assertThat(cluster.awaitEvent(ns, "paused", "TooManyMissedTimes")).isEqualTo(
                "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        assertThat(jobs()).hasSize(1);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aStartingDeadlineDropsTheMissedTimesBeforeIt() {
        create("late", "\"schedule\":\"0 * * * *\",\"suspend\":true,\"startingDeadlineSeconds\":60,");
        advanceTo(150, 0);
        int deadlines = cluster.pendingDeadlines();
        cluster.store(CronJob.class).update(ns, "late", null, c -> {
            c.getSpec().setSuspend(false);
            return c;
        }, WriteOptions.DEFAULT);
        // the clock moves only once the resumed CronJob's sync has set the time of its next run
        cluster.awaitUntil(() -> cluster.pendingDeadlines() > deadlines);
        // the first hour from 60 s before now: the hours missed before it start nothing
        Instant hour = minute(149).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        cluster.advance(Duration.between(cluster.now(), hour.plusSeconds(1)));
        cluster.await(Job.class, ns, "late-" + hour.getEpochSecond() / 60, j -> true);
        assertThat(jobs()).hasSize(1);
        assertThat(events("late")).noneMatch(e -> e.startsWith("TooManyMissedTimes"));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void timeZonesPlaceTheScheduleAndTheScheduledTimestamp() {
        create("tokyo", "\"schedule\":\"0 9 * * *\",\"timeZone\":\"Asia/Tokyo\",");
        Instant nine = base.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        cluster.advance(Duration.between(cluster.now(), nine.plusSeconds(1)));
        Job job = cluster.await(Job.class, ns, "tokyo-" + nine.getEpochSecond() / 60, j -> true);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp",
                nine.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate() + "T09:00:00+09:00");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aNewScheduleStartsAtItsNextTimeNotAtTheTimesItWouldHaveMissed() {
        create("moved", "\"schedule\":\"0 0 1 1 *\",");
        advanceTo(30, 30);
        int deadlines = cluster.pendingDeadlines();
        cluster.store(CronJob.class).update(ns, "moved", null, c -> {
            c.getSpec().setSchedule("*/1 * * * *");
            return c;
        }, WriteOptions.DEFAULT);
        // the controller has seen the new schedule once it has set the time to sync at
        cluster.awaitUntil(() -> cluster.pendingDeadlines() > deadlines);
        advanceTo(30, 59);
        assertThat(jobs()).isEmpty();
        advanceTo(31, 1);
        cluster.await(Job.class, ns, nameAt("moved", 31), j -> true);
        assertThat(jobs()).hasSize(1);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aJobMadeFromTheCronJobByHandIsSeenAsUnexpected() {
        CronJob cj = create("manual", "\"schedule\":\"0 0 1 1 *\",");
        Job job = new Job();
        job.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("manual-run")
                .withNamespace(ns).addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob")
                .withName("manual").withUid(cj.getMetadata().getUid()).withController(true).endOwnerReference()
                .build());
        // a copy: the created CronJob is shared with the store's other readers, and defaulting fills the Job's spec
        job.setSpec(new io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder(cj.getSpec().getJobTemplate()
                .getSpec()).build());
        cluster.create(job);
        assertThat(cluster.awaitEvent(ns, "manual", "UnexpectedJob"))
                .isEqualTo("Saw a job that the controller did not create or forgot: manual-run");
        assertThat(cronJob("manual").getStatus().getActive()).isEmpty();
    }
}
