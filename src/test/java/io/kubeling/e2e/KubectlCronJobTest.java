package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.ServerOfItsOwn;

/**
 * A CronJob through the real kubectl on a server of its own whose simulated clock is stopped: the test moves the
 * clock to the scheduled minute and sees the Job come, as {@code kubectl get cj} and {@code describe} show it, and
 * makes a Job from the CronJob by hand as {@code kubectl create job --from} does. The shared server's clock follows
 * the wall clock, which the other classes' timestamps are checked against, so it is not moved.
 */
@ServerOfItsOwn
class KubectlCronJobTest {

    private static Path dataDir;
    private static ConfigurableApplicationContext server;
    private static HttpApi api;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("kubeling-cron");
        server = new SpringApplication(KubelingApplication.class).run(
                "--kubeling.database-url=jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--kubeling.data-dir=" + dataDir, "--kubeling.port=0", "--kubeling.bind-address=127.0.0.1",
                "--kubeling.simulation.time-scale=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
        kubectl = new Kubectl(dataDir.resolve("kubeconfig"), "kubectl");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    private static Instant now() {
        return Instant.parse(api.get("/kubeling/v1/time").json().get("now").asString());
    }

    @Test
    void aCronJobFiresWhenTheClockReachesItsMinute() throws Exception {
        kubectl.ok("create", "namespace", "nightly");
        assertThat(kubectl.ok("-n", "nightly", "create", "cronjob", "report", "--image=busybox",
                "--schedule=*/5 * * * *", "--", "sleep", "3600").out()).isEqualTo("cronjob.batch/report created\n");
        assertThat(kubectl.ok("-n", "nightly", "get", "cj").out()).isEqualTo("""
                NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
                report   */5 * * * *   <none>     False     0        <none>          0s
                """);

        Instant start = now();
        Instant fire = start.minusSeconds(start.getEpochSecond() % 300).minusNanos(start.getNano()).plusSeconds(300);
        long span = Duration.between(start, fire).toSeconds() + 3;
        assertThat(api.post("/kubeling/v1/time/advance?seconds=" + span, null).code()).isEqualTo(200);
        String since = Duration.between(fire, start.plusSeconds(span)).toSeconds() + "s";
        String job = "report-" + fire.getEpochSecond() / 60;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", "nightly", "get", "job", job)
                        .exitCode() == 0);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", "nightly", "get", "cj").out()
                        .contains(" 1 "));
        String table = kubectl.ok("-n", "nightly", "get", "cj").out();
        assertThat(table.lines().toList()).hasSize(2).first().isEqualTo(
                "NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE");
        assertThat(table.lines().toList().get(1))
                .matches("report   \\*/5 \\* \\* \\* \\*   <none>     False     1        " + since
                        + "              (\\d+s|\\d+m\\d*s?)");
        assertThat(kubectl.ok("-n", "nightly", "get", "cj", "-o", "wide").out().lines().toList().get(1))
                .matches("report\\s+\\*/5 \\* \\* \\* \\*\\s+<none>\\s+False\\s+1\\s+" + since + "\\s+\\S+\\s+report\\s+busybox"
                        + "\\s+<none>");
        assertThat(kubectl.ok("-n", "nightly", "get", "job", job, "-o",
                "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp} "
                        + "{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}").out())
                .isEqualTo(fire + " CronJob/report");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", "nightly", "describe", "cj", "report")
                        .out().contains("Created job " + job));
        assertThat(kubectl.ok("-n", "nightly", "describe", "cj", "report").out())
                .containsPattern("Normal\\s+SuccessfulCreate\\s+.*cronjob-controller\\s+Created job " + job);

        assertThat(kubectl.ok("-n", "nightly", "create", "job", "by-hand", "--from=cronjob/report").out())
                .isEqualTo("job.batch/by-hand created\n");
        assertThat(kubectl.ok("-n", "nightly", "get", "job", "by-hand", "-o",
                "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} "
                        + "{.spec.template.spec.containers[0].command}").out())
                .isEqualTo("manual [\"sleep\",\"3600\"]");
    }

}
