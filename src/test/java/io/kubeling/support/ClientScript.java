package io.kubeling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

/**
 * A script that drives a client through its flows against the test server, with the server's own
 * kubeconfig, printing one {@code PASS <flow>} or {@code FAIL <flow>: <why>} line per flow.
 */
public final class ClientScript {

    private ClientScript() {
    }

    /** What a script printed, and how it exited. */
    public record Result(int exitCode, String out, String err) {

        /** One test per expected flow: it passes where the script printed PASS for that flow. */
        public Stream<DynamicTest> flows(List<String> expected) {
            List<String> lines = out.lines().toList();
            Stream<DynamicTest> each = expected.stream().map(flow -> DynamicTest.dynamicTest(flow,
                    () -> assertThat(lines).as("the script's output:\n%s\n%s", out, err).contains("PASS " + flow)));
            return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("the script exits 0",
                    () -> assertThat(exitCode).as("the script's output:\n%s\n%s", out, err).isZero())));
        }
    }

    public static Result run(int port, Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        return run(WrittenKubeconfig.of(port), directory, timeout, command);
    }

    /** The script on another server's kubeconfig. */
    public static Result run(Path kubeconfig, Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Path home = Files.createTempDirectory("kubeling-client-home");
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString());
        Path out = Files.createTempFile("client-script", ".out");
        Path err = Files.createTempFile("client-script", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return new Result(-1, Files.readString(out), Files.readString(err) + "\n(killed after " + timeout + ")");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
