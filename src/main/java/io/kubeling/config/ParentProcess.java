package io.kubeling.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * With {@code kubeling.parent-pid}, the server stops when that process ends, however it ends: a test JVM that
 * started it and was killed leaves no server behind.
 */
@Component
class ParentProcess {

    private static final Logger log = LoggerFactory.getLogger(ParentProcess.class);

    ParentProcess(@Value("${kubeling.parent-pid:0}") long pid, ConfigurableApplicationContext context) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> stop(pid, context)),
                () -> stop(pid, context));
    }

    private static void stop(long pid, ConfigurableApplicationContext context) {
        log.warn("process {} that started this server has ended: stopping", pid);
        Thread stopper = new Thread(() -> System.exit(SpringApplication.exit(context, () -> 0)), "parent-gone");
        stopper.setDaemon(false);
        stopper.start();
    }
}
