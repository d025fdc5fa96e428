package io.kubeling.resources.cronjobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.jobs.JobValidation;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** validateCronJobSpec with kube's field paths and messages; {@code old} is null on create. */
final class CronJobValidation {

    private static final List<String> POLICIES = List.of("Allow", "Forbid", "Replace");
    /** One part of a time zone's name as kube lets it through to the time zone database. */
    private static final Pattern ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

    private CronJobValidation() {
    }

    static List<FieldError> spec(CronJobSpec spec, CronJobSpec old) {
        List<FieldError> errs = new ArrayList<>();
        String schedule = spec.getSchedule() == null ? "" : spec.getSchedule();
        if (schedule.isEmpty()) {
            errs.add(FieldError.required("spec.schedule", ""));
        } else {
            schedule(errs, schedule, old != null && old.getSchedule() != null && old.getSchedule().contains("TZ"),
                    spec.getTimeZone());
        }
        WorkloadValidation.nonNegative(errs, spec.getStartingDeadlineSeconds(), "spec.startingDeadlineSeconds");
        if (old == null || !Objects.equals(old.getTimeZone(), spec.getTimeZone())) {
            timeZone(errs, spec.getTimeZone());
        }
        String policy = spec.getConcurrencyPolicy() == null ? "" : spec.getConcurrencyPolicy();
        if (policy.isEmpty()) {
            errs.add(FieldError.required("spec.concurrencyPolicy", ""));
        } else if (!POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported("spec.concurrencyPolicy", policy, POLICIES));
        }
        errs.addAll(JobValidation.template(spec.getJobTemplate().getSpec(), "spec.jobTemplate.spec"));
        WorkloadValidation.nonNegative(errs, spec.getSuccessfulJobsHistoryLimit(), "spec.successfulJobsHistoryLimit");
        WorkloadValidation.nonNegative(errs, spec.getFailedJobsHistoryLimit(), "spec.failedJobsHistoryLimit");
        return errs;
    }

    /** validateScheduleFormat: robfig's ParseStandard, and no TZ in a schedule unless it had one already. */
    private static void schedule(List<FieldError> errs, String schedule, boolean allowTz, String timeZone) {
        try {
            CronSchedule.parse(schedule, java.time.ZoneOffset.UTC);
        } catch (CronSchedule.InvalidSchedule e) {
            errs.add(FieldError.invalid("spec.schedule", schedule, e.getMessage()));
        }
        if (allowTz && schedule.contains("TZ") && timeZone != null) {
            errs.add(FieldError.invalid("spec.schedule", schedule,
                    "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if (!allowTz && schedule.contains("TZ")) {
            errs.add(FieldError.invalid("spec.schedule", schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
    }

    /** validateTimeZone: a name of the IANA database, not empty and not Local. */
    private static void timeZone(List<FieldError> errs, String zone) {
        if (zone == null) {
            return;
        }
        if (zone.isEmpty()) {
            errs.add(FieldError.invalid("spec.timeZone", zone, "timeZone must be nil or non-empty string"));
            return;
        }
        for (String part : zone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !ZONE_PART.matcher(part).matches()) {
                errs.add(FieldError.invalid("spec.timeZone", zone, "unknown time zone " + zone));
                return;
            }
        }
        if (zone.toLowerCase(Locale.ROOT).equals("local")) {
            errs.add(FieldError.invalid("spec.timeZone", zone,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        if (!zone.equals("Local") && CronSchedule.location(zone) == null) {
            errs.add(FieldError.invalid("spec.timeZone", zone, "unknown time zone " + zone));
        }
    }
}
