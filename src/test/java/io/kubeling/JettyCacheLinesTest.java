package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerFactory;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

import io.kubeling.support.ChildJvm;

/** The server's Jetty builds its thread pool without the JVM's management server, which nothing else needs. */
class JettyCacheLinesTest {

    /** A JVM that builds Jetty's thread pool, after the server's setting when asked, and prints the MBean servers. */
    public static final class Child {
        public static void main(String[] args) {
            if (args.length > 0) {
                KubelingApplication.jettyCacheLinesWithoutJmx();
            }
            new QueuedThreadPool();
            System.out.println(MBeanServerFactory.findMBeanServer(null).size() + " "
                    + System.getProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE));
        }
    }

    @Test
    void theServersSettingSparesTheManagementServer() throws Exception {
        assertThat(run("server")).isEqualTo("0 16");
    }

    @Test
    void withoutItJettyBuildsTheManagementServer() throws Exception {
        assertThat(run()).isEqualTo("1 null");
    }

    @Test
    void aValueSetOnTheCommandLineIsKept() {
        String before = System.getProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE);
        System.setProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE, "8");
        try {
            KubelingApplication.jettyCacheLinesWithoutJmx();
            assertThat(System.getProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("8");
        } finally {
            if (before == null) {
                System.clearProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE);
            } else {
                System.setProperty(KubelingApplication.JETTY_REFERENCES_PER_CACHE_LINE, before);
            }
        }
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(ChildJvm.command(Child.class));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
