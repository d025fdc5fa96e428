package io.kubeling.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an acknowledged write survives, under {@code kubeling.storage.*}. Every write reaches the
 * operating system before it is acknowledged, so it outlives the server's process; with
 * {@code fsync} it is on disk too, so it outlives the machine, at the cost of a disk flush that the
 * writes queued behind it share.
 */
@ConfigurationProperties("kubeling.storage")
public record StorageProperties(
        @DefaultValue("false") boolean fsync) {
}
