package io.kubeling.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM a test starts on its own class path (a server it kills with SIGKILL, a process it sends
 * signals to). Such a JVM lives for seconds, mostly loading classes: C1 alone and the serial collector, as the
 * tests' JVM runs, and no bytecode verification of the class path's classes, which javac and Maven Central's jars
 * produced (a server's start: 12.8 CPU seconds instead of 15.2).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java}, the common options, then {@code options}, the class path and {@code mainClass}. */
    public static List<String> command(Class<?> mainClass, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote"));
        command.addAll(Arrays.asList(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        return command;
    }
}
