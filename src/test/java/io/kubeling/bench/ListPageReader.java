package io.kubeling.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a page of a list as its bytes arrive, on the HTTP client's thread that receives them: every byte scanned,
 * the items counted and the continue token kept, whatever the order of the list's fields, and nothing held whole.
 * A page of 500 pods is over a megabyte; decoded into a string, or into Jackson's tokens, per page and per client,
 * the load generator spends more of its core than the server does serving the page (see the README's API
 * workloads), so the scan only follows strings and nesting, which is all a count needs.
 */
final class ListPageReader implements HttpResponse.BodySubscriber<ListPageReader.Page> {

    /** A page: how many items it had and its continue token, empty on the last page. */
    record Page(int items, String continueToken) {
    }

    private final CompletableFuture<Page> page = new CompletableFuture<>();
    private final StringBuilder captured = new StringBuilder();
    private Flow.Subscription subscription;
    private int depth;
    private boolean started;
    private boolean ended;
    private boolean inString;
    private boolean escaped;
    private boolean capturing;
    private boolean afterColon;
    private boolean inItems;
    private boolean inMetadata;
    private boolean itemStarts;
    private String last = "";
    private String field = "";
    private String metadataField = "";
    private int items;
    private String next = "";

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                scan(buffer);
            }
        } catch (IOException e) {
            subscription.cancel();
            page.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        page.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        try {
            page.complete(finish());
        } catch (IOException e) {
            page.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Page> getBody() {
        return page;
    }

    /** The page once every byte has been scanned. */
    Page finish() throws IOException {
        if (!ended) {
            throw new IOException("the list's body ended before the list did");
        }
        return new Page(items, next);
    }

    void scan(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            int at = buffer.arrayOffset() + buffer.position();
            scan(buffer.array(), at, at + buffer.remaining());
            buffer.position(buffer.limit());
        } else {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            scan(bytes, 0, bytes.length);
        }
    }

    private void scan(byte[] bytes, int at, int end) throws IOException {
        while (at < end) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                    capture(bytes, at, at + 1);
                    at++;
                    continue;
                }
                // most of a page is strings: run to the next quote or backslash
                int from = at;
                while (at < end && bytes[at] != '"' && bytes[at] != '\\') {
                    at++;
                }
                capture(bytes, from, at);
                if (at == end) {
                    break;
                }
                if (bytes[at++] == '\\') {
                    escaped = true;
                    capture(bytes, at - 1, at);
                } else {
                    inString = false;
                    if (capturing) {
                        stringEnded();
                    }
                }
                continue;
            }
            byte b = bytes[at++];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            if (ended || (depth == 0 && b != '{')) {
                throw new IOException("a list's body is one JSON object");
            }
            if (itemStarts && depth == 2 && b != ']') {
                items++;
                itemStarts = false;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    capturing = depth == 1 || (depth == 2 && inMetadata);
                    captured.setLength(0);
                }
                case ':' -> {
                    if (depth == 1) {
                        field = last;
                    } else if (depth == 2 && inMetadata) {
                        metadataField = last;
                    }
                    afterColon = true;
                }
                case ',' -> {
                    afterColon = false;
                    itemStarts = depth == 2 && inItems;
                }
                case '{', '[' -> {
                    if (depth == 1) {
                        inItems = b == '[' && field.equals("items");
                        inMetadata = b == '{' && field.equals("metadata");
                        itemStarts = inItems;
                    }
                    depth++;
                    started = true;
                    afterColon = false;
                }
                case '}', ']' -> {
                    depth--;
                    itemStarts = false;
                    ended = started && depth == 0;
                    if (depth == 1) {
                        inItems = false;
                        inMetadata = false;
                    }
                    if (depth < 0) {
                        throw new IOException("a list's body closes more than it opens");
                    }
                }
                default -> {
                    // numbers, true, false, null: nothing a count needs
                }
            }
        }
    }

    private void capture(byte[] bytes, int from, int to) {
        if (capturing) {
            for (int i = from; i < to; i++) {
                captured.append((char) (bytes[i] & 0xff));
            }
        }
    }

    private void stringEnded() {
        last = captured.toString();
        if (depth == 2 && inMetadata && afterColon && metadataField.equals("continue")) {
            // a continue token is base64url, ASCII without escapes, so its bytes are its characters
            next = last;
        }
    }
}
