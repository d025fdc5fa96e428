package io.kubeling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.kubeling.KubelingApplication;

/**
 * The command line of a JVM a test starts on its own class path (a server it kills with SIGKILL, a process it sends
 * signals to). Such a JVM lives for seconds, mostly loading classes: C1 alone and the serial collector, as the
 * tests' JVM runs, and no bytecode verification of the class path's classes, which javac and Maven Central's jars
 * produced (a server's start: 12.8 CPU seconds instead of 15.2).
 */
public final class ChildJvm {

    /** Set by the build when it has laid out and trained the packaged server before the tests (see pom.xml). */
    static final String LAYOUT_PROPERTY = "kubeling.test.server-layout";
    /** In the layout while the build's training run writes its archive (pom.xml: cds-extract, cds-archive). */
    static final String TRAINING_MARK = "training";
    // the training run's own bounds (TrainingRun) are a minute for the add-ons and a minute for their pods
    private static final Duration TRAINING_WAIT = Duration.ofMinutes(5);

    private ChildJvm() {
    }

    /** {@code java}, the common options, then {@code options}, the class path and {@code mainClass}. */
    public static List<String> command(Class<?> mainClass, String... options) {
        List<String> command = java(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        return command;
    }

    /**
     * A Kubeling server in a JVM of its own: the packaged server as the README runs it (package's layout, its
     * class data sharing archive and the AOT-processed beans) where this build made it before the tests, which
     * takes a third less CPU than the class path (the crash test's four servers: 37.9 CPU seconds instead of
     * 57.6); else {@link KubelingApplication} on the class path. The server's arguments follow.
     */
    public static List<String> server(String... options) {
        Optional<Path> layout = layout();
        if (layout.isEmpty()) {
            return command(KubelingApplication.class, options);
        }
        List<String> command = java(options);
        command.addAll(List.of("-XX:SharedArchiveFile=" + layout.get().resolve("kubeling.jsa"),
                "-Dspring.aot.enabled=true", "-jar", layout.get().resolve("kubeling.jar").toString()));
        return command;
    }

    private static List<String> java(String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote"));
        command.addAll(Arrays.asList(options));
        return command;
    }

    /**
     * The build's layout, if it has one with an archive made after the classes the tests run were compiled; while
     * the build's training run still writes the archive (it runs beside test-compile and the first tests), once it
     * has ended.
     */
    static Optional<Path> layout() {
        String property = System.getProperty(LAYOUT_PROPERTY, "");
        if (property.isBlank()) {
            return Optional.empty();
        }
        Path layout = Path.of(property).toAbsolutePath();
        awaitTraining(layout.resolve(TRAINING_MARK), TRAINING_WAIT);
        Path archive = layout.resolve("kubeling.jsa");
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(layout.resolve("kubeling.jar"))) {
            return Optional.empty();
        }
        try {
            FileTime trained = Files.getLastModifiedTime(archive);
            return newestClass().compareTo(trained) <= 0 ? Optional.of(layout) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until the build's training run has removed its mark, or {@code atMost} has passed (a build killed in it). */
    static void awaitTraining(Path mark, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (Files.exists(mark) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the build's training run", e);
            }
        }
    }

    // a stale layout (an earlier package, then a compile without it) would test yesterday's server
    private static FileTime newestClass() throws IOException {
        Path classes;
        try {
            classes = Path.of(KubelingApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(classes)) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }
}
