package io.kubeling.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code kubeling.*}. Port, bind address and database URL are mapped onto
 * Spring's {@code server.*} and {@code spring.datasource.*} in application.yml.
 */
@ConfigurationProperties("kubeling")
public record KubelingProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("8080") int port,
        @DefaultValue("false") boolean allowNonLoopback,
        @DefaultValue History history,
        @DefaultValue Api api) {

    /** Retention of the revision log: both bounds apply, whichever keeps more. */
    public record History(
            @DefaultValue("10000") long minRevisions,
            @DefaultValue("15m") Duration minAge,
            @DefaultValue("1m") Duration compactionInterval,
            @DefaultValue("4096") int memoryWindow) {
    }

    public record Api(
            @DefaultValue("3145728") int maxRequestBytes) {
    }
}
