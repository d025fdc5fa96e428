package io.kubeling.api;

import java.nio.ByteBuffer;

/**
 * Where a streaming session's bytes go, whatever carries them (WebSocket messages, or an upgraded
 * connection's raw bytes): queued without blocking the caller, and bounded, as {@link OutboundFrames}.
 */
interface FrameSink {

    /** Queues bytes; false when the client is too far behind to queue more (or the session ended). */
    boolean offer(ByteBuffer bytes);

    /** Queues bytes past the limit: the last words of a session. */
    void force(ByteBuffer bytes);

    /** Ends the connection once everything queued has been sent. */
    void closeAfterSent();

    /** Drops what is queued: the client has gone. */
    void abandon();

    /** A sink over a WebSocket session's messages, one frame a message. */
    static FrameSink of(OutboundFrames frames) {
        return new FrameSink() {
            @Override
            public boolean offer(ByteBuffer bytes) {
                return frames.offer(bytes);
            }

            @Override
            public void force(ByteBuffer bytes) {
                frames.force(bytes);
            }

            @Override
            public void closeAfterSent() {
                frames.closeAfterSent(org.eclipse.jetty.websocket.api.StatusCode.NORMAL, null);
            }

            @Override
            public void abandon() {
                frames.abandon();
            }
        };
    }
}
