package io.kubeling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubelingApplication {

    public static void main(String[] args) {
        SpringApplication.run(KubelingApplication.class, args);
    }
}
