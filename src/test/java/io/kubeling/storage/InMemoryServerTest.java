package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.format.jackson.Jackson3JsonFormatMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.ServerOfItsOwn;

/** A server on an in-memory H2 database: the same migrations, mapping and store as on the file, and no file. */
@ServerOfItsOwn
class InMemoryServerTest {

    @TempDir
    Path dataDir;

    @Test
    void servesFromAnInMemoryDatabaseThroughTheSameMigrationsAndStore() throws IOException {
        String url = "jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext server = new SpringApplication(KubelingApplication.class).run(
                "--kubeling.database-url=" + url, "--kubeling.data-dir=" + dataDir, "--kubeling.port=0",
                "--kubeling.simulation.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN")) {
            HttpApi api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            assertThat(api.get("/readyz").code()).isEqualTo(200);
            String ns = api.newNamespace("in-memory-");
            assertThat(api.post("/api/v1/namespaces/" + ns + "/configmaps", """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept"},"data":{"k":"v"}}""").code())
                    .isEqualTo(201);
            assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps/kept").json().get("data").get("k").asString())
                    .isEqualTo("v");

            KeyValueStore store = server.getBean(KeyValueStore.class);
            assertThat(store).isInstanceOf(LogStore.class);
            assertThat(store.get("/registry/configmaps/" + ns + "/kept")).isPresent();
            JdbcTemplate db = new JdbcTemplate(server.getBean(DataSource.class));
            assertThat(db.queryForObject("select database_path()", String.class)).as("an in-memory database").isNull();
            assertThat(db.queryForObject("select count(*) from \"flyway_schema_history\" where \"success\"", Integer.class))
                    .isPositive();
            // the server's own controllers may still be writing (the new namespace's default service account)
            await().atMost(Duration.ofSeconds(30)).until(() -> Objects.equals(
                    db.queryForObject("select max(revision) from revision_log", Long.class), store.currentRevision()));
            assertThat(server.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                    .flatMap(holder -> holder.getScheduledTasks().stream())
                    .map(task -> task.getTask().getRunnable().toString()))
                    .as("the log's compaction is scheduled").anyMatch(task -> task.contains("HistoryCompactor.run"));
            assertThat(server.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class)
                    .getSessionFactoryOptions().getJsonFormatMapper())
                    .as("Hibernate's JSON mapper on Jackson 3, which the server loads anyway, not on Jackson 2")
                    .isInstanceOf(Jackson3JsonFormatMapper.class);
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("kubeling."));
        }
    }
}
