package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.PostgresServer;
import io.kubeling.support.ServerOfItsOwn;

/** A server on PostgreSQL through the one documented setting: the same log, migrated by PostgreSQL's migrations. */
@ServerOfItsOwn
class ServerOnPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void servesFromPostgresAndKeepsWhatItWroteAcrossARestart() {
        String url = PostgresServer.shared().newDatabase();
        String[] args = {"--kubeling.database-url=" + url, "--kubeling.database-user=" + PostgresServer.USER,
                "--kubeling.data-dir=" + dataDir, "--kubeling.port=0", "--kubeling.simulation.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"};
        String ns;
        long written;
        try (ConfigurableApplicationContext server = new SpringApplication(KubelingApplication.class).run(args)) {
            HttpApi api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            assertThat(api.get("/readyz").code()).isEqualTo(200);
            ns = api.newNamespace("on-postgres-");
            assertThat(api.post("/api/v1/namespaces/" + ns + "/configmaps", """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept"},"data":{"k":"v"}}""").code())
                    .isEqualTo(201);
            JdbcTemplate db = new JdbcTemplate(server.getBean(DataSource.class));
            assertThat(db.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
            KeyValueStore store = server.getBean(KeyValueStore.class);
            // the server's own controllers may still be writing (the new namespace's default service account)
            await().atMost(Duration.ofSeconds(30)).until(() -> Objects.equals(
                    db.queryForObject("select max(revision) from revision_log", Long.class), store.currentRevision()));
            written = store.currentRevision();
        }
        try (ConfigurableApplicationContext server = new SpringApplication(KubelingApplication.class).run(args)) {
            HttpApi api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps/kept").json().get("data").get("k").asString())
                    .isEqualTo("v");
            assertThat(server.getBean(KeyValueStore.class).currentRevision()).isGreaterThanOrEqualTo(written);
        }
    }
}
