package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.PostgresServer;
import io.kubeling.support.ServerOfItsOwn;

/**
 * A PostgreSQL restart under a running server: meanwhile requests that need the database (writes, and reads without
 * resourceVersion) get kube's ServerTimeout with Retry-After, reads at resourceVersion "0" are served from memory,
 * and /readyz fails its etcd check; once it is back the server serves
 * again by itself, and a watch resumed from the last revision seen misses nothing.
 */
@ServerOfItsOwn
class DatabaseOutageOnPostgresTest {

    private static final String CONFIG_MAP = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"k":"v"}}""";

    @TempDir
    Path dataDir;

    @Test
    void answersServerTimeoutWhileTheDatabaseIsDownAndRecoversWhenItIsBack() throws InterruptedException {
        PostgresServer db = PostgresServer.startOwn();
        String[] args = {"--kubeling.database-url=" + db.newDatabase(), "--kubeling.database-user=" + PostgresServer.USER,
                "--kubeling.data-dir=" + dataDir, "--kubeling.port=0", "--kubeling.simulation.enabled=false",
                // a request waits this long for a connection before it is answered
                "--spring.datasource.hikari.connection-timeout=500",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.io.kubeling.storage.LogFollower=ERROR"};
        try (ConfigurableApplicationContext server = new SpringApplication(KubelingApplication.class).run(args)) {
            HttpApi api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            String ns = api.newNamespace("outage-");
            String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
            HttpApi.Reply before = api.post(configMaps, CONFIG_MAP.formatted("before"));
            assertThat(before.code()).isEqualTo(201);
            String seen = before.json().get("metadata").get("resourceVersion").asString();

            db.stopFast();
            HttpApi.Reply write = api.post(configMaps, CONFIG_MAP.formatted("during"));
            assertServerTimeout(write, "create");
            // a key this replica does not hold is looked for in the log
            HttpApi.Reply read = api.get(configMaps + "/absent");
            assertServerTimeout(read, "get");
            // the service IP allocation writes the store outside the registry: kube's 503 for storage it did not interpret
            HttpApi.Reply allocation = api.post("/api/v1/namespaces/" + ns + "/services", """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"during"},
                     "spec":{"ports":[{"port":80}]}}""");
            assertThat(allocation.code()).as(allocation.text()).isEqualTo(503);
            assertThat(allocation.json().get("reason").asString()).isEqualTo("ServiceUnavailable");
            assertThat(allocation.json().get("message").asString())
                    .isEqualTo("the revision log's database cannot be reached");
            HttpApi.Reply ready = api.get("/readyz");
            assertThat(ready.code()).isEqualTo(500);
            assertThat(ready.text()).contains("[-]etcd failed: reason withheld\n").contains("[+]ping ok\n")
                    .endsWith("readyz check failed\n");
            // a read without resourceVersion must see every write: it asks the database, as kube asks etcd
            assertServerTimeout(api.get(configMaps + "/before"), "get");
            assertServerTimeout(api.get(configMaps), "list");
            // one that takes any revision gets what the server holds in memory, as kube's watch cache serves it
            assertThat(api.get(configMaps + "/before?resourceVersion=0").code()).isEqualTo(200);
            HttpApi.Reply held = api.get(configMaps + "?resourceVersion=0");
            assertThat(held.code()).as(held.text()).isEqualTo(200);
            assertThat(held.json().at("/items/0/metadata/name").asString()).isEqualTo("before");

            db.startAgain();
            HttpApi.Reply after = retried(api, configMaps, CONFIG_MAP.formatted("after"));
            assertThat(after.code()).as(after.text()).isEqualTo(201);
            assertThat(api.get("/readyz").code()).isEqualTo(200);
            assertThat(api.get(configMaps + "/during").code()).isEqualTo(404);
            assertThat(api.get(configMaps + "/absent").code()).isEqualTo(404);

            String events = api.get(configMaps + "?watch=1&timeoutSeconds=1&resourceVersion=" + seen).text();
            List<String> lines = new ArrayList<>(events.lines().filter(l -> !l.isBlank()).toList());
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("\"type\":\"ADDED\"").contains("\"name\":\"after\"")
                    .contains("\"resourceVersion\":\"" + after.json().get("metadata").get("resourceVersion").asString());
        } finally {
            db.close();
        }
    }

    private static void assertServerTimeout(HttpApi.Reply reply, String operation) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(500);
        assertThat(reply.header("Retry-After")).isEqualTo("2");
        assertThat(reply.json().get("kind").asString()).isEqualTo("Status");
        assertThat(reply.json().get("reason").asString()).isEqualTo("ServerTimeout");
        assertThat(reply.json().get("message").asString()).isEqualTo("The " + operation
                + " operation against configmaps could not be completed at this time, please try again.");
        assertThat(reply.json().get("details").get("name").asString()).isEqualTo(operation);
        assertThat(reply.json().get("details").get("kind").asString()).isEqualTo("configmaps");
        assertThat(reply.json().get("details").get("retryAfterSeconds").asInt()).isEqualTo(2);
    }

    /** The create, tried again as clients do on a ServerTimeout until the pool has connected again. */
    private static HttpApi.Reply retried(HttpApi api, String path, String body) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            HttpApi.Reply reply = api.post(path, body);
            if (reply.code() != 500 || System.nanoTime() > deadline) {
                return reply;
            }
            assertThat(reply.json().get("reason").asString()).isEqualTo("ServerTimeout");
            Thread.sleep(100);
        }
    }
}
