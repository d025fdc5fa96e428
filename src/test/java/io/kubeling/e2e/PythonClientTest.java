package io.kubeling.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.ClientScript;
import io.kubeling.support.Clients;
import io.kubeling.support.KubelingTest;

/** Debian's python3-kubernetes, run by Debian's own Python, through its common flows (it has no informer). */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class PythonClientTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> FLOWS = List.of("create namespace without kind", "create without kind",
            "create", "list", "get", "replace from a list item", "merge patch", "strategic merge patch",
            "server-side apply", "watch with resume", "delete");

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> commonFlows() throws Exception {
        Clients.assumeInstalled("python3-kubernetes", importsKubernetes(),
                "apt-get install python3-kubernetes (.ci/run does)");
        return ClientScript.run(port, Path.of("src/test/python"), Duration.ofMinutes(2), PYTHON, "flows.py")
                .flows(FLOWS);
    }

    private static boolean importsKubernetes() throws InterruptedException {
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import kubernetes").start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
