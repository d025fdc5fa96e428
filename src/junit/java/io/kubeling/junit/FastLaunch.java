package io.kubeling.junit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar laid out as the README's run command runs it: extracted (classes read from plain jars
 * instead of nested ones), AOT-processed start-up, and a class data sharing archive written once by a
 * training start of this JVM's own Java (an archive only serves the JVM that wrote it). The layout sits
 * beside the jar it came from, so it is made once a machine and build; when any step fails, the plain jar
 * is run instead.
 */
final class FastLaunch {

    private FastLaunch() {
    }

    /** The JVM options and {@code -jar} argument that start the server from {@code jar}. */
    static List<String> of(Path jar) {
        Path layout = layout(jar);
        List<String> launch = new ArrayList<>();
        if (layout != null) {
            Path archive = layout.resolve("kubeling-" + javaKey() + ".jsa");
            if (Files.isRegularFile(archive) || train(layout, archive)) {
                launch.add("-XX:SharedArchiveFile=" + archive);
            }
            launch.add("-Dspring.aot.enabled=true");
            launch.addAll(List.of("-jar", layout.resolve("kubeling.jar").toString()));
        } else {
            launch.addAll(List.of("-jar", jar.toString()));
        }
        return launch;
    }

    private static synchronized Path layout(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path layout = jar.resolveSibling(name + "-extracted");
        if (Files.isRegularFile(layout.resolve("kubeling.jar"))) {
            return layout;
        }
        Path partial = jar.resolveSibling(name + "-" + UUID.randomUUID() + ".part");
        try {
            if (run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                    partial.toString(), "--application-filename", "kubeling.jar"), 120)
                    && Files.isRegularFile(partial.resolve("kubeling.jar"))) {
                try {
                    Files.move(partial, layout, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // another JVM extracted it first
                }
            }
            return Files.isRegularFile(layout.resolve("kubeling.jar")) ? layout : null;
        } catch (IOException e) {
            return null;
        } finally {
            delete(partial);
        }
    }

    private static synchronized boolean train(Path layout, Path archive) {
        if (Files.isRegularFile(archive)) {
            return true;
        }
        Path partial = layout.resolve("training-" + UUID.randomUUID());
        Path written = partial.resolve("kubeling.jsa");
        try {
            Files.createDirectories(partial);
            boolean done = run(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:ArchiveClassesAtExit=" + written, "-Dspring.aot.enabled=true", "-Dspring.context.exit=onRefresh",
                    "-jar", layout.resolve("kubeling.jar").toString(), "--kubeling.port=0",
                    "--kubeling.bind-address=127.0.0.1", "--kubeling.data-dir=" + partial.resolve("data"),
                    "--kubeling.database-url=jdbc:h2:mem:kubeling-training-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--logging.level.root=WARN"), 300) && Files.isRegularFile(written);
            if (done) {
                try {
                    Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // another JVM wrote it first
                }
            }
            return Files.isRegularFile(archive);
        } catch (IOException e) {
            return false;
        } finally {
            delete(partial);
        }
    }

    private static boolean run(List<String> command, int seconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String javaKey() {
        return (System.getProperty("java.vm.version") + "-" + System.getProperty("os.arch"))
                .replaceAll("[^A-Za-z0-9.]+", "_");
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // left for the next clean-up
        }
    }
}
