package io.kubeling.resources.cronjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.validation.FieldError;

/** kube's cronJobStrategy: SetDefaults_CronJob, and validateCronJobSpec's field paths and messages. */
class CronJobStrategyTest {

    private final CronJobStrategy strategy = new CronJobStrategy();
    private final ObjectCodec codec = new ObjectCodec();

    private CronJob cronJob(String name, String spec) {
        return codec.decode(("""
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"%s"},"spec":{%s
                 "jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
                   "containers":[{"name":"c","image":"busybox"}]}}}}}}""").formatted(name, spec)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), CronJob.class);
    }

    private List<String> errors(CronJob cronJob) {
        strategy.applyDefaults(cronJob);
        strategy.prepareForCreate(cronJob);
        return strategy.validate(cronJob).stream().map(FieldError::toString).toList();
    }

    @Test
    void createDefaultsThePolicyHistoryAndSuspendButNotTheJobsOwnFields() {
        CronJob cj = cronJob("hello", "\"schedule\":\"*/1 * * * *\",");
        cj.setStatus(new CronJobStatus(List.of(), "2020-01-01T00:00:00Z", null));
        strategy.applyDefaults(cj);
        strategy.prepareForCreate(cj);

        assertThat(cj.getSpec().getConcurrencyPolicy()).isEqualTo("Allow");
        assertThat(cj.getSpec().getSuspend()).isFalse();
        assertThat(cj.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cj.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
        assertThat(cj.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isNull();
        assertThat(cj.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getDnsPolicy())
                .isEqualTo("ClusterFirst");
        assertThat(cj.getStatus().getLastScheduleTime()).isNull();
        assertThat(strategy.validate(cj)).isEmpty();
    }

    @Test
    void scheduleTimeZoneAndPolicyAreCheckedAsKubeChecksThem() {
        assertThat(errors(cronJob("a", "\"schedule\":\"61 * * * *\","))).containsExactly(
                "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
        assertThat(errors(cronJob("a", "\"schedule\":\"\","))).containsExactly("spec.schedule: Required value");
        assertThat(errors(cronJob("a", "\"schedule\":\"CRON_TZ=UTC * * * * *\","))).containsExactly(
                "spec.schedule: Invalid value: \"CRON_TZ=UTC * * * * *\": cannot use TZ or CRON_TZ in schedule, "
                        + "use timeZone field instead");
        assertThat(errors(cronJob("a", "\"schedule\":\"@daily\",\"timeZone\":\"Europe/Pariss\","))).containsExactly(
                "spec.timeZone: Invalid value: \"Europe/Pariss\": unknown time zone Europe/Pariss");
        assertThat(errors(cronJob("a", "\"schedule\":\"@daily\",\"timeZone\":\"\","))).containsExactly(
                "spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string");
        assertThat(errors(cronJob("a", "\"schedule\":\"@daily\",\"timeZone\":\"Local\","))).containsExactly(
                "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in "
                        + "https://www.iana.org/time-zones");
        assertThat(errors(cronJob("a", "\"schedule\":\"@daily\",\"concurrencyPolicy\":\"Sometimes\","
                + "\"startingDeadlineSeconds\":-1,\"successfulJobsHistoryLimit\":-2,"))).containsExactly(
                "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", "
                        + "\"Replace\"",
                "spec.successfulJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0");
        assertThat(errors(cronJob("a", "\"schedule\":\"@daily\",\"timeZone\":\"Asia/Tokyo\","))).isEmpty();
    }

    @Test
    void theJobTemplateIsAJobSpecWithoutASelector() {
        CronJob cj = cronJob("a", "\"schedule\":\"@daily\",");
        cj.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setRestartPolicy("Always");
        cj.getSpec().getJobTemplate().getSpec().setManualSelector(true);
        assertThat(errors(cj)).containsExactly(
                "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", "
                        + "\"Never\"",
                "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"");
    }

    @Test
    void namesLeaveRoomForTheScheduledMinuteOnCreateOnly() {
        String long53 = "a".repeat(53);
        assertThat(errors(cronJob(long53, "\"schedule\":\"@daily\","))).containsExactly(
                "metadata.name: Invalid value: \"" + long53 + "\": must be no more than 52 characters");
        CronJob old = cronJob(long53, "\"schedule\":\"@daily\",");
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        CronJob updated = cronJob(long53, "\"schedule\":\"@hourly\",");
        strategy.applyDefaults(updated);
        strategy.prepareForUpdate(updated, old);
        assertThat(strategy.validateUpdate(updated, old)).isEmpty();
        assertThat(strategy.specChanged(updated, old)).isTrue();
    }

    @Test
    void aScheduleThatHadATimeZoneMayKeepItButNotGainATimeZoneField() {
        CronJob old = cronJob("a", "\"schedule\":\"TZ=UTC 0 * * * *\",");
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        CronJob same = cronJob("a", "\"schedule\":\"TZ=UTC 0 * * * *\",\"suspend\":true,");
        strategy.applyDefaults(same);
        strategy.prepareForUpdate(same, old);
        assertThat(strategy.validateUpdate(same, old)).isEmpty();
        CronJob zoned = cronJob("a", "\"schedule\":\"TZ=UTC 0 * * * *\",\"timeZone\":\"UTC\",");
        strategy.applyDefaults(zoned);
        strategy.prepareForUpdate(zoned, old);
        assertThat(strategy.validateUpdate(zoned, old)).extracting(FieldError::toString).containsExactly(
                "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use both timeZone field and TZ or CRON_TZ "
                        + "in schedule");
    }
}
