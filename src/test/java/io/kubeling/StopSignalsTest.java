package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(stopWith("INT")).isZero();
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
        Process child = new ProcessBuilder(ChildJvm.command(Child.class)).start();
        // the handlers are installed once the child has printed
        assertThat(child.getInputStream().read()).isNotNegative();
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return child.exitValue();
    }
}
