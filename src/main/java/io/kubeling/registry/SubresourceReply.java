package io.kubeling.registry;

/**
 * What a {@link SubresourceEndpoint} answers: a status code and a body, which is an API object
 * (written in the negotiated format) or a {@link TextStream} (written as {@code text/plain}).
 */
public record SubresourceReply(int code, Object body) {

    public static SubresourceReply ok(Object body) {
        return new SubresourceReply(200, body);
    }

    public static SubresourceReply created(Object body) {
        return new SubresourceReply(201, body);
    }
}
