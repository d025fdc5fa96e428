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
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The server jar laid out as the README's run command runs it: extracted (classes read from plain jars
 * instead of nested ones), AOT-processed start-up, and a class data sharing archive of this JVM's own Java (an
 * archive only serves the JVM that wrote it). The layout sits beside the jar it came from, so it is made once a
 * machine and build. No start waits for a training run: while there is no archive yet, a server starts without
 * one and writes it when it stops ({@code -XX:ArchiveClassesAtExit}), and the next start uses it. When any step
 * fails, the plain jar is run instead, or the layout without an archive. A jar that is already the application
 * jar of such a layout (as {@code package} leaves it in {@code target/kubeling}) is run in place, with the archive
 * the build trained beside it ({@code kubeling.jsa}) while this JVM has none of its own there.
 */
final class FastLaunch {

    private FastLaunch() {
    }

    /**
     * How to start the server from {@code jar}: the JVM options and {@code -jar} argument, and what to do once
     * that server has stopped.
     */
    static Launch of(Path jar) {
        boolean inPlace = extracted(jar);
        Path application = inPlace ? jar : null;
        if (!inPlace) {
            Path layout = layout(jar);
            if (layout == null) {
                return new Launch(List.of("-jar", jar.toString()), null, null);
            }
            application = layout.resolve("kubeling.jar");
        }
        Path layout = application.toAbsolutePath().getParent();
        List<String> launch = new ArrayList<>();
        Path archive = layout.resolve("kubeling-" + javaKey() + ".jsa");
        Path built = layout.resolve("kubeling.jsa");
        Path training = null;
        if (Files.isRegularFile(archive)) {
            launch.add("-XX:SharedArchiveFile=" + archive);
        } else if (inPlace && Files.isRegularFile(built)) {
            // the class path it was dumped with is this layout's, in this place; from another Java, it is ignored
            launch.add("-XX:SharedArchiveFile=" + built);
        } else {
            training = layout.resolve("training-" + UUID.randomUUID());
            try {
                Files.createDirectories(training);
                launch.add("-XX:ArchiveClassesAtExit=" + training.resolve("kubeling.jsa"));
            } catch (IOException e) {
                training = null;
            }
        }
        launch.add("-Dspring.aot.enabled=true");
        launch.addAll(List.of("-jar", application.toString()));
        return new Launch(launch, training, archive);
    }

    /** Whether {@code jar} is an extracted layout's application jar: its libraries beside it, not nested in it. */
    static boolean extracted(Path jar) {
        if (!Files.isDirectory(jar.toAbsolutePath().resolveSibling("lib"))) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null
                    && manifest.getMainAttributes().getValue("Spring-Boot-Lib") == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A server's start command; a server started without an archive writes one into {@code training} as it
     * stops, which {@link #stopped} puts in place for the next start.
     */
    record Launch(List<String> command, Path training, Path archive) {

        /** Whether this server writes the archive as it stops, which takes it a few seconds more. */
        boolean trains() {
            return training != null;
        }

        /** After the server's JVM has exited with {@code exitValue}: keeps the archive it wrote, if whole. */
        void stopped(int exitValue) {
            if (training == null) {
                return;
            }
            Path written = training.resolve("kubeling.jsa");
            try {
                if (exitValue == 0 && Files.isRegularFile(written) && !Files.isRegularFile(archive)) {
                    Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                // another server wrote it first
            } finally {
                delete(training);
            }
        }
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
