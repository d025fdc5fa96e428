package io.kubeling.controllers;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Thread factories for the controllers' workers: daemon threads, so that no worker holds the JVM
 * up, named after the controller so that they read clearly in thread dumps and profiles.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads that all carry {@code name}, for single-thread executors. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ..., for pools. */
    public static ThreadFactory numbered(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix + "-");
        factory.setDaemon(true);
        return factory;
    }
}
