package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CronJobContractTest extends ResourceContract {

    @Override
    String resource() {
        return "cronjobs";
    }

    @Override
    String kind() {
        return "CronJob";
    }

    @Override
    String group() {
        return "batch";
    }

    /** Once a year, so that the controller starts nothing while the contract runs. */
    @Override
    ObjectNode sample(String name) {
        ObjectNode cj = JSON.createObjectNode().put("apiVersion", "batch/v1").put("kind", "CronJob");
        cj.putObject("metadata").put("name", name);
        ObjectNode spec = cj.putObject("spec").put("schedule", "0 0 1 1 *");
        ObjectNode pod = spec.putObject("jobTemplate").putObject("spec").putObject("template").putObject("spec")
                .put("restartPolicy", "OnFailure");
        pod.putArray("containers").addObject().put("name", "job").put("image", "busybox");
        return cj;
    }

    @Test
    void createDefaultsAndRefusesABadScheduleWithKubesStatus() {
        JsonNode created = create(uniqueName());
        assertThat(created.at("/spec/concurrencyPolicy").asString()).isEqualTo("Allow");
        assertThat(created.at("/spec/suspend").asBoolean()).isFalse();
        assertThat(created.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(created.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);

        ObjectNode bad = sample("bad");
        ((ObjectNode) bad.get("spec")).put("schedule", "61 * * * *").put("timeZone", "Europe/Pariss");
        Reply refused = api.post(collection(), bad.toString());
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.json()).isEqualTo(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"CronJob.batch \\"bad\\" is invalid: [spec.schedule: Invalid value: \\"61 * * * *\\": end of range (61) above maximum (59): 61, spec.timeZone: Invalid value: \\"Europe/Pariss\\": unknown time zone Europe/Pariss]",
                 "reason":"Invalid","details":{"name":"bad","group":"batch","kind":"CronJob","causes":[
                  {"reason":"FieldValueInvalid","message":"Invalid value: \\"61 * * * *\\": end of range (61) above maximum (59): 61","field":"spec.schedule"},
                  {"reason":"FieldValueInvalid","message":"Invalid value: \\"Europe/Pariss\\": unknown time zone Europe/Pariss","field":"spec.timeZone"}]},
                 "code":422}"""));
        assertThat(api.get(item("bad")).code()).isEqualTo(404);
    }

    @Test
    void statusIsASubresourceOfItsOwn() {
        String name = uniqueName();
        create(name);
        Reply status = api.patch(item(name) + "/status", "application/merge-patch+json",
                "{\"spec\":{\"suspend\":true},\"status\":{\"lastScheduleTime\":\"2026-01-01T00:00:00Z\"}}");
        assertThat(status.code()).as(status.text()).isEqualTo(200);
        assertThat(status.json().at("/status/lastScheduleTime").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(status.json().at("/spec/suspend").asBoolean()).isFalse();
        Reply spec = api.patch(item(name), "application/merge-patch+json",
                "{\"spec\":{\"suspend\":true},\"status\":{\"lastScheduleTime\":null}}");
        assertThat(spec.json().at("/spec/suspend").asBoolean()).isTrue();
        assertThat(spec.json().at("/status/lastScheduleTime").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(spec.json().at("/metadata/generation").asLong()).isEqualTo(2);
    }
}
