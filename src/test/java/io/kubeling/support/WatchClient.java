package io.kubeling.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw HTTP watch: each line of the stream, parsed, in the order it arrived. The constructor
 * returns once the response headers are in, when the server has started the watch, so a write
 * made after it is seen by the watch.
 */
public final class WatchClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode END = JSON.createObjectNode().put("type", "END-OF-STREAM");

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile boolean ended;
    private volatile Throwable cut;

    public WatchClient(int port, String pathAndQuery) {
        this(port, pathAndQuery, "application/json");
    }

    public WatchClient(int port, String pathAndQuery, String accept) {
        this(port, pathAndQuery, accept, true);
    }

    /** A watch whose headers the server may hold back, such as one at a revision not reached yet. */
    public static WatchClient unawaited(int port, String pathAndQuery) {
        return new WatchClient(port, pathAndQuery, "application/json", false);
    }

    private WatchClient(int port, String pathAndQuery, String accept, boolean awaitHeaders) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET()
                .header("Accept", accept).build();
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            try (Stream<String> lines = r.body()) {
                lines.forEach(line -> {
                    if (!line.isBlank()) {
                        events.add(JSON.readTree(line));
                    }
                });
            } catch (RuntimeException e) {
                cut = e;
            } finally {
                ended = true;
                events.add(END);
            }
        });
        if (awaitHeaders) {
            try {
                response.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                cut = e;
            }
        }
    }

    /** The response status, once the headers have arrived. */
    public int status() {
        try {
            return response.get(10, TimeUnit.SECONDS).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event, or null if none arrives within {@code wait} or the stream has ended. */
    public JsonNode next(Duration wait) {
        try {
            JsonNode e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (e == END) {
                events.add(END);
                return null;
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event that is not a BOOKMARK. */
    public JsonNode nextChange(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) {
                return null;
            }
            if (!e.get("type").asString().equals("BOOKMARK")) {
                return e;
            }
        }
        return null;
    }

    /** Collects {@code n} events that are not bookmarks, failing on a timeout. */
    public List<JsonNode> changes(int n, Duration wait) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (out.size() < n) {
            JsonNode e = nextChange(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) {
                throw new AssertionError("got " + out.size() + " of " + n + " events, the stream "
                        + (ended ? "ended" + (cut == null ? "" : " (" + cut + ")") : "went quiet")
                        + (out.isEmpty() ? "" : "; last: " + out.get(out.size() - 1)), cut);
            }
            out.add(e);
        }
        return out;
    }

    /** Waits for the server to end the stream; true if it did within {@code wait}. */
    public boolean awaitEnd(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended;
    }

    /** Everything received so far, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        JsonNode e;
        while ((e = events.poll()) != null) {
            if (e == END) {
                events.add(END);
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }

    public static String type(JsonNode event) {
        return event.get("type").asString();
    }

    public static String name(JsonNode event) {
        return event.at("/object/metadata/name").asString();
    }

    public static long revision(JsonNode event) {
        return Long.parseLong(event.at("/object/metadata/resourceVersion").asString());
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
