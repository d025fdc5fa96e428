package io.kubeling;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import io.kubeling.controllers.SimulatedTime;
import sun.misc.Signal;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubelingApplication {

    static final String BACKGROUND_PREINITIALIZER_IGNORE = "spring.backgroundpreinitializer.ignore";
    static final String MEMORY_RETURNED_WHEN_IDLE = "kubeling.memory.return-when-idle";
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    public static void main(String[] args) {
        exitZeroOnStopSignals();
        withoutBackgroundPreinitialization();
        memoryReturnedWhenIdle();
        jettyCacheLinesWithoutJmx();
        SpringApplication.run(KubelingApplication.class, args);
    }

    /**
     * Spring Boot's background pre-initialization (Bean Validation, Jackson, message converters on a thread of their
     * own) takes a core from the start itself, which already keeps two busy (Hibernate's and the store's threads
     * beside the main one), and bootstraps a validator nothing uses. Only when run as the server, unless set.
     */
    static void withoutBackgroundPreinitialization() {
        setUnlessSet(BACKGROUND_PREINITIALIZER_IGNORE, "true");
    }

    /**
     * The server's process is its own: it may size its heap and collect when idle (io.kubeling.memory). Only when
     * run as the server, unless set.
     */
    static void memoryReturnedWhenIdle() {
        setUnlessSet(MEMORY_RETURNED_WHEN_IDLE, "true");
    }

    /**
     * Jetty pads its queues to the cache line by the size of a reference, which, unless told, it asks the JVM's
     * management server for (whether oops are compressed), and so builds and registers every platform MBean on the
     * start's critical path: some 50 ms of the main thread for a server that uses no JMX. Told here what Jetty assumes
     * when it cannot ask (compressed references, four bytes each). Only when run as the server, unless set.
     */
    static void jettyCacheLinesWithoutJmx() {
        int cacheLine = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        setUnlessSet(JETTY_REFERENCES_PER_CACHE_LINE, String.valueOf(Math.max(1, cacheLine / 4)));
    }

    /** The server's choice for a system property, which the command line's -D overrides. */
    private static void setUnlessSet(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * A stop asked for with SIGTERM or SIGINT is a clean exit, status 0 as kube-apiserver's, after the usual shutdown
     * (the JVM's own status would be 143 or 130): ./mvnw spring-boot:run, which stops its server with SIGTERM when
     * Ctrl-C reaches Maven alone, then reports no failure, and neither does a supervisor. Only when run as the
     * server: a JVM that embeds Kubeling keeps its own signal handling.
     */
    static void exitZeroOnStopSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> System.exit(0));
        }
    }

    /** The one source of time: the simulation's, which tests can stop and advance. */
    @Bean
    Clock clock(SimulatedTime time) {
        return time.clock();
    }
}
