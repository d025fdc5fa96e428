package io.kubeling;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.kubeling.controllers.SimulatedTime;
import sun.misc.Signal;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KubelingApplication {

    static final String BACKGROUND_PREINITIALIZER_IGNORE = "spring.backgroundpreinitializer.ignore";
    static final String MEMORY_RETURNED_WHEN_IDLE = "kubeling.memory.return-when-idle";

    public static void main(String[] args) {
        exitZeroOnStopSignals();
        withoutBackgroundPreinitialization();
        memoryReturnedWhenIdle();
        SpringApplication.run(KubelingApplication.class, args);
    }

    /**
     * Spring Boot's background pre-initialization (Bean Validation, Jackson, message converters on a thread of their
     * own) takes a core from the start itself, which already keeps two busy (Hibernate's and the store's threads
     * beside the main one), and bootstraps a validator nothing uses. Only when run as the server, unless set.
     */
    static void withoutBackgroundPreinitialization() {
        if (System.getProperty(BACKGROUND_PREINITIALIZER_IGNORE) == null) {
            System.setProperty(BACKGROUND_PREINITIALIZER_IGNORE, "true");
        }
    }

    /**
     * The server's process is its own: it may size its heap and collect when idle (io.kubeling.memory). Only when
     * run as the server, unless set.
     */
    static void memoryReturnedWhenIdle() {
        if (System.getProperty(MEMORY_RETURNED_WHEN_IDLE) == null) {
            System.setProperty(MEMORY_RETURNED_WHEN_IDLE, "true");
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
