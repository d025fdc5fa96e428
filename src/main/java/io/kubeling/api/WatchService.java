package io.kubeling.api;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.api.connector.Peers;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WatchStart;

/**
 * Opens watch streams and keeps their timers: bookmarks, the server-side timeout, and a regular
 * look at each stream's connection, which ends the streams whose clients have gone (Jetty reads
 * nothing from a connection while it streams, so it would not notice until a write failed).
 */
@Component
class WatchService {

    private final KubelingProperties.Watch settings;
    private final WatchEncoder encoder;
    private final TableOutput tables;
    private final PartialObjects partials;
    private final ExecutorService writers;
    private final ScheduledExecutorService timers;
    private final WatchFlusher flusher;
    private final Set<WatchStream<?>> open = ConcurrentHashMap.newKeySet();
    /** The change logs that streams read: one key's join and leave exclude each other, other keys' go on. */
    private final ConcurrentHashMap<LogKey, ChangeLog> logs = new ConcurrentHashMap<>();
    private final Peers peers;
    private final Registry registry;

    WatchService(KubelingProperties properties, WatchEncoder encoder, TableOutput tables, PartialObjects partials,
            Peers peers, Registry registry) {
        this.registry = registry;
        this.partials = partials;
        this.settings = properties.watch();
        this.peers = peers;
        this.encoder = encoder;
        this.tables = tables;
        this.writers = Executors.newFixedThreadPool(Math.max(1, settings.writerThreads()), daemon("watch-writer"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("watch-timer"));
        this.flusher = new WatchFlusher(writers, settings.writerThreads(), timers, settings.flushInterval().toNanos() / 1000);
        long every = Math.max(100, settings.disconnectCheckInterval().toMillis());
        timers.scheduleWithFixedDelay(this::endStreamsOfGoneClients, every, every, TimeUnit.MILLISECONDS);
    }

    int openStreams() {
        return open.size();
    }

    private void endStreamsOfGoneClients() {
        for (WatchStream<?> stream : open) {
            if (stream.clientGone(peers::gone)) {
                writers.execute(stream::close);
            } else if (!registry.serves(stream.store())) {
                // the CRD of a custom resource went or changed: kube ends the watches on its old storage
                stream.finish(stream.store().settledRevision());
            }
        }
    }

    <T extends HasMetadata> void watch(ResourceStore<T> store, String namespace, WatchOptions options,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseTarget target = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
        if (target.is(ResponseTarget.PARTIAL_LIST)) {
            throw PartialObjects.misfit(target, store.definition(), false);
        }
        store.checkSelectors(options.filter());
        boolean initial = options.initialState();
        long requested = options.requestedRevision();
        if (options.consistentStart()) {
            store.awaitConsistentRead("watch");
        } else if (requested > store.currentRevision(requested)) {
            awaitRevision(store, requested);
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache, private");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        WatchStream<T> stream = new WatchStream<>(store, namespace, options.filter(), options.bookmarks(), async,
                flusher, encoder, settings.bufferSize());
        stream.client(request.getRemoteAddr(), request.getRemotePort());
        if (target.is(ResponseTarget.TABLE)) {
            String include = request.getParameter("includeObject");
            stream.asTable(object -> tables.table(store.definition(), java.util.List.of(object),
                    null, target.version(), include));
        } else if (target.is(ResponseTarget.PARTIAL)) {
            stream.asTable(object -> partials.object(object, target.version()));
        }
        open.add(stream);
        stream.onClose(() -> {
            leave(store, namespace, stream);
            open.remove(stream);
        });
        try {
            // joined first: the changes after the start's revision are then all in the log past the stream's position
            join(store, namespace, stream);
            long after = initial ? 0 : options.afterRevision(store.currentRevision());
            WatchStart start = store.watchStart(namespace, after, initial);
            stream.startAfter(start.revision());
            stream.backlog(start.backlog());
            if (initial && Boolean.TRUE.equals(options.sendInitialEvents())) {
                stream.backlogInitialEventsEnd(start.revision());
            }
        } catch (StatusException e) {
            // Once the watch is accepted, kube reports a lost history as an ERROR event in the stream.
            stream.backlogFailure(e.status());
        }
        scheduleTimers(store, stream, options);
        stream.start();
    }

    /** The log of the store's changes in {@code namespace}, subscribed to the store while a stream reads it. */
    private void join(ResourceStore<?> store, String namespace, WatchStream<?> stream) {
        logs.compute(new LogKey(store, namespace), (key, log) -> {
            if (log == null) {
                log = new ChangeLog(settings.bufferSize());
                store.follow(namespace, log);
            }
            log.join(stream);
            return log;
        });
        if (stream.isClosed()) {
            leave(store, namespace, stream);
        }
    }

    private void leave(ResourceStore<?> store, String namespace, WatchStream<?> stream) {
        logs.computeIfPresent(new LogKey(store, namespace), (key, log) -> {
            if (log.leave(stream)) {
                store.unfollow(namespace, log);
                return null;
            }
            return log;
        });
    }

    /** A store (by identity: a custom resource's changed definition makes a new one) and a namespace, or null. */
    private record LogKey(ResourceStore<?> store, String namespace) {
    }

    private void scheduleTimers(ResourceStore<?> store, WatchStream<?> stream, WatchOptions options) {
        long timeoutMillis = options.timeoutSeconds() != null && options.timeoutSeconds() > 0
                ? TimeUnit.SECONDS.toMillis(options.timeoutSeconds())
                : randomizedTimeout();
        stream.addTimer(timers.schedule(() -> stream.finish(store.settledRevision()), timeoutMillis,
                TimeUnit.MILLISECONDS));
        if (options.bookmarks()) {
            long every = Math.max(100, settings.bookmarkInterval().toMillis());
            stream.addTimer(timers.scheduleAtFixedRate(() -> stream.bookmark(store.settledRevision()), every, every,
                    TimeUnit.MILLISECONDS));
        }
    }

    /** Between one and two times the minimum request timeout, as kube-apiserver spreads its watch timeouts. */
    private long randomizedTimeout() {
        long min = settings.minRequestTimeout().toMillis();
        return min + ThreadLocalRandom.current().nextLong(Math.max(1, min));
    }

    /** Waits a little for a revision the store has not reached yet, as kube's watch cache does. */
    private void awaitRevision(ResourceStore<?> store, long requested) {
        long deadline = System.nanoTime() + settings.futureRevisionWait().toNanos();
        while (store.currentRevision(requested) < requested && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (store.currentRevision() < requested) {
            throw io.kubeling.registry.Errors.timeout("Too large resource version: " + requested + ", current: "
                    + store.currentRevision(), 1);
        }
    }

    @PreDestroy
    void shutdown() {
        for (WatchStream<?> stream : open) {
            stream.close();
        }
        writers.shutdownNow();
        timers.shutdownNow();
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    private static java.util.concurrent.ThreadFactory daemon(String name) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
        factory.setDaemon(true);
        return factory;
    }
}
