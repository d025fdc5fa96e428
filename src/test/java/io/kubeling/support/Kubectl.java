package io.kubeling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary, pointed at the test server through the kubeconfig the server wrote. */
public final class Kubectl {

    /** A temporary YAML file holding {@code yaml}, for {@code -f}. */
    public static java.nio.file.Path manifest(String yaml) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("kubectl", ".yaml");
        java.nio.file.Files.writeString(file, yaml);
        return file;
    }

    /**
     * How often a test waiting on kubectl's output runs it again: each run takes about 0.3 s of CPU, so at
     * Awaitility's default of 100 ms a waiting test kept most of a core busy running kubectl.
     */
    public static final Duration POLL = Duration.ofMillis(500);

    private final Path kubeconfig;
    private final Path home;
    private final String binary;

    public Kubectl(int port) throws IOException {
        this(port, "kubectl");
    }

    /** A given kubectl binary, such as an older release unpacked beside the build. */
    public Kubectl(int port, String binary) throws IOException {
        this(WrittenKubeconfig.of(port), binary);
    }

    /** kubectl on the kubeconfig a server of the test's own wrote. */
    public Kubectl(Path kubeconfig, String binary) throws IOException {
        this.binary = binary;
        this.kubeconfig = kubeconfig.toAbsolutePath();
        this.home = Files.createTempDirectory("kubectl-home");
    }

    /** What one kubectl command printed, and how it exited. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs kubectl with extra environment variables, such as EDITOR for {@code kubectl edit}. */
    public Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Running running = start(env, args);
        if (!running.process().waitFor(60, TimeUnit.SECONDS)) {
            running.process().destroyForcibly();
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Result(running.process().exitValue(), running.out(), running.err());
    }

    /** Runs kubectl with {@code input} piped to its standard input. */
    public Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        Path in = Files.createTempFile("kubectl", ".in");
        Files.writeString(in, input);
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        return runCommand(command, in, String.join(" ", args));
    }

    /** Runs kubectl on a terminal of its own ({@code script}), for {@code -t}, with nothing typed. */
    public Result runOnTerminal(String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder(binary);
        for (String arg : args) {
            line.append(" '").append(arg.replace("'", "'\\''")).append("'");
        }
        return runCommand(List.of("script", "-q", "-e", "-c", line.toString(), "/dev/null"), null,
                String.join(" ", args));
    }

    private Result runCommand(List<String> command, Path input, String what) throws IOException, InterruptedException {
        ProcessBuilder builder = environment(new ProcessBuilder(command));
        Path out = Files.createTempFile("kubectl", ".out");
        Path err = Files.createTempFile("kubectl", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl " + what + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * The server's kubeconfig, a home of this instance's own (kubectl's discovery cache), and one processor for the
     * Go runtime: a kubectl run is mostly its own start, which a second processor does not hasten but makes cost
     * more (30 to 40 runs each of get, describe and version against an idle server, in turn: 0.048 to 0.052 CPU
     * seconds a run instead of 0.057 to 0.058; three kubectl classes of the suite, 100 runs, twice in turn: 0.053
     * and 0.055 instead of 0.054 and 0.058).
     */
    private ProcessBuilder environment(ProcessBuilder builder) {
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GOMAXPROCS", "1");
        return builder;
    }

    /** Runs kubectl and fails the test, showing what it printed, unless it exits 0. */
    public Result ok(String... args) throws IOException, InterruptedException {
        return ok(Map.of(), args);
    }

    /** {@link #ok(String...)} with extra environment variables. */
    public Result ok(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Result result = run(env, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    /** Starts kubectl without waiting, for commands that run on, such as {@code get -w}. */
    public Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        ProcessBuilder builder = environment(new ProcessBuilder(command));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("kubectl", ".out");
        Path err = Files.createTempFile("kubectl", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Running(builder.start(), out, err);
    }

    /** A kubectl process and the files its output goes to. */
    public record Running(Process process, Path outFile, Path errFile) {

        public String out() throws IOException {
            return Files.readString(outFile);
        }

        public String err() throws IOException {
            return Files.readString(errFile);
        }

        /** Waits until the output so far satisfies a condition; false if it never does in time. */
        public boolean awaitOut(java.util.function.Predicate<String> condition, Duration timeout)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (condition.test(out())) {
                    return true;
                }
                Thread.sleep(50);
            }
            return condition.test(out());
        }

        /** Waits until the error output so far satisfies a condition (kubectl's -v=6 request log); false if never. */
        public boolean awaitErr(java.util.function.Predicate<String> condition, Duration timeout)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (condition.test(err())) {
                    return true;
                }
                Thread.sleep(50);
            }
            return condition.test(err());
        }
    }
}
