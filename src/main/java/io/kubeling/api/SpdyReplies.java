package io.kubeling.api;

import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;

/** The answer to a stream the client opened. */
final class SpdyReplies {

    private SpdyReplies() {
    }

    /** Netty writes no header block at all for a reply without headers, which Go's framer cannot read: one is set. */
    static DefaultSpdySynReplyFrame reply(int stream, String type) {
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(stream);
        reply.headers().set("streamtype", type == null ? "" : type);
        return reply;
    }
}
