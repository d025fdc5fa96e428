package io.kubeling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code kubeling.*}. Port, bind address and database URL (by default an H2 file
 * under the data directory) are mapped onto Spring's {@code server.*} and
 * {@code spring.datasource.*} in application.yml. Events expire {@code eventTtl} after they were last
 * written, as with kube-apiserver's {@code --event-ttl}.
 */
@ConfigurationProperties("kubeling")
public record KubelingProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("8080") int port,
        @DefaultValue("false") boolean allowNonLoopback,
        @DefaultValue History history,
        @DefaultValue Api api,
        @DefaultValue Watch watch,
        @DefaultValue Cache cache,
        @DefaultValue("v1.32.4") String kubernetesVersion,
        String databaseUrl,
        Path kubeconfig,
        @DefaultValue("1h") Duration eventTtl) {

    /**
     * Retention of the revision log: both bounds apply, whichever keeps more. The recent events kept
     * in memory for watches are bounded by count and by the bytes of their values, whichever is reached
     * first; unless set, the bytes are 64 MiB or a sixteenth of the heap, whichever is less.
     */
    public record History(
            @DefaultValue("10000") long minRevisions,
            @DefaultValue("15m") Duration minAge,
            @DefaultValue("1m") Duration compactionInterval,
            @DefaultValue("4096") int memoryWindow,
            DataSize memoryBytes) {

        public long memoryBytesOr(long maxHeap) {
            return memoryBytes != null ? memoryBytes.toBytes() : Math.min(64L << 20, maxHeap / 16);
        }
    }

    /**
     * The objects kept decoded for watchers and controllers, bounded by count and by their stored size;
     * unless set, the size is 32 MiB or a 64th of the heap, whichever is less. A decoded object takes some
     * six times its stored size on the heap (a pod of 2.2 KB, 13 KB). The controllers' caches hold the
     * objects they follow anyway; a bound below what they follow only made them decode again what was pushed
     * out (2 MiB, some 900 pods, made 3,000 pods on 1,000 nodes cost half as much CPU again).
     */
    public record Cache(
            @DefaultValue("16384") int decodedObjects,
            DataSize decodedBytes) {

        public long decodedBytesOr(long maxHeap) {
            return decodedBytes != null ? decodedBytes.toBytes() : Math.min(32L << 20, maxHeap / 64);
        }
    }

    /** Watch streams: bookmark cadence, server-side timeout, and the bound on each watcher's backlog. */
    public record Watch(
            @DefaultValue("1m") Duration bookmarkInterval,
            @DefaultValue("30m") Duration minRequestTimeout,
            @DefaultValue("1000") int bufferSize,
            @DefaultValue("3s") Duration futureRevisionWait,
            @DefaultValue("2") int writerThreads,
            @DefaultValue("5ms") Duration flushInterval,
            @DefaultValue("2s") Duration disconnectCheckInterval) {
    }

    /**
     * Client requests: body size limit, write seats, how long a body may take to arrive, how many
     * connections one client address may hold open, {@code hostNames}: names besides loopback ones and the
     * bind address that clients call this server by, how long a kept-alive connection waits for its next
     * request, and how long a request's headers may take to arrive (kube-apiserver's ReadHeaderTimeout).
     */
    public record Api(
            @DefaultValue("3145728") int maxRequestBytes,
            @DefaultValue("4") int mutatingSeats,
            @DefaultValue("60s") Duration bodyReadTimeout,
            @DefaultValue("12000") int maxConnectionsPerClient,
            List<String> hostNames,
            @DefaultValue("60s") Duration keepAliveTimeout,
            @DefaultValue("32s") Duration headerReadTimeout) {

        @ConstructorBinding
        public Api {
        }

        /** With the default timeouts for connections: 60 s kept alive, 32 s for a request's headers. */
        public Api(int maxRequestBytes, int mutatingSeats, Duration bodyReadTimeout, int maxConnectionsPerClient,
                List<String> hostNames) {
            this(maxRequestBytes, mutatingSeats, bodyReadTimeout, maxConnectionsPerClient, hostNames,
                    Duration.ofSeconds(60), Duration.ofSeconds(32));
        }
    }
}
