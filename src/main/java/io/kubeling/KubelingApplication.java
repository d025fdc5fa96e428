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

    public static void main(String[] args) {
        exitZeroOnStopSignals();
        SpringApplication.run(KubelingApplication.class, args);
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
