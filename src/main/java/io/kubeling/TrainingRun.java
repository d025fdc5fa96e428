package io.kubeling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The class data sharing archive's training run ({@code kubeling.training-run=true}, set by {@code package} and the
 * Docker image's build): the server stops once it is ready, so that the archive holds the classes of the whole
 * start, those of the lifecycle, the runners and the post-start hooks (the bootstrap policy, the PKI, the secure
 * port's TLS) included, where {@code spring.context.exit=onRefresh} stopped before any of them.
 */
@Component
class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private final Environment environment;

    TrainingRun(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (environment.getProperty("kubeling.training-run", Boolean.class, false)) {
            System.exit(SpringApplication.exit(event.getApplicationContext()));
        }
    }
}
