package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.kubeling.support.ChildJvm;

/** The server's JVM ends with status 0 when asked to stop by SIGTERM or SIGINT, as spring-boot:run expects. */
class StopSignalsTest {

    /** A JVM that installs the server's signal handling, says so, and waits to be stopped. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            KubelingApplication.exitZeroOnStopSignals();
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
            System.exit(3);
        }
    }

    @Test
    void sigtermEndsWithStatusZero() throws Exception {
        assertThat(stopWith("TERM")).isZero();
    }

    @Test
    void sigintEndsWithStatusZero() throws Exception {
        if (!sigintIgnoredHere()) {
            assertThat(stopWith("INT")).isZero();
            return;
        }
        // started with SIGINT ignored (a background job of a shell without job control), a JVM keeps it ignored,
        // as Unix programs do, and the child inherits that from this JVM: it outlives the signal and SIGTERM stops it
        Process child = started();
        signal(child, "INT");
        assertThat(child.waitFor(2, TimeUnit.SECONDS)).isFalse();
        signal(child, "TERM");
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
    }

    /** Whether this JVM was started with SIGINT (signal 2) ignored, which its children then inherit. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    @Test
    void withoutItSigtermEndsWith143() throws Exception {
        Process plain = new ProcessBuilder(ChildJvm.command(SleepOnly.class)).start();
        assertThat(plain.getInputStream().read()).isNotNegative();
        new ProcessBuilder("kill", "-TERM", Long.toString(plain.pid())).start().waitFor();
        assertThat(plain.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(plain.exitValue()).isEqualTo(143);
    }

    /** The same JVM without the server's handling, for the status the JVM gives by itself. */
    public static final class SleepOnly {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static int stopWith(String signal) throws Exception {
        Process child = started();
        signal(child, signal);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return child.exitValue();
    }

    private static Process started() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(Child.class)).start();
        // the handlers are installed once the child has printed
        assertThat(child.getInputStream().read()).isNotNegative();
        return child;
    }

    private static void signal(Process child, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
    }
}
