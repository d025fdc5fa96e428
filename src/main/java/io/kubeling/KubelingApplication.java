package io.kubeling;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KubelingApplication {

    public static void main(String[] args) {
        SpringApplication.run(KubelingApplication.class, args);
    }

    /** The one source of time, replaced in tests to drive the simulation deterministically. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
