package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * kube's WebSocket channel subprotocols for exec and attach: each message is one channel's bytes
 * after a leading channel number (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize), binary, or as
 * text with the number as a digit and the bytes in base64. From v4 the error channel carries a
 * JSON Status; v5 adds the close signal, channel 255 followed by the channel the client closes.
 */
enum ChannelProtocol {

    V5("v5.channel.k8s.io", true, true),
    V4("v4.channel.k8s.io", true, true),
    V4_BASE64("v4.base64.channel.k8s.io", false, true),
    V1("channel.k8s.io", true, false),
    V1_BASE64("base64.channel.k8s.io", false, false);

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    static final int CLOSE = 255;

    final String name;
    final boolean binary;
    final boolean statusOnError;

    ChannelProtocol(String name, boolean binary, boolean statusOnError) {
        this.name = name;
        this.binary = binary;
        this.statusOnError = statusOnError;
    }

    /** The first protocol of the client's list that is served, as kube's handshake picks; none asked means {@code channel.k8s.io}. */
    static ChannelProtocol negotiate(List<String> offered) {
        if (offered.isEmpty()) {
            return V1;
        }
        for (String asked : offered) {
            for (ChannelProtocol p : values()) {
                if (p.name.equals(asked.trim())) {
                    return p;
                }
            }
        }
        return null;
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(p -> p.name).toList();
    }

    boolean closeSignal() {
        return this == V5;
    }

    /** One binary message: the channel byte, then the bytes. */
    ByteBuffer frame(int channel, byte[] bytes) {
        ByteBuffer frame = ByteBuffer.allocate(bytes.length + 1);
        frame.put((byte) channel).put(bytes).flip();
        return frame;
    }

    /** One text message of a base64 protocol. */
    String text(int channel, byte[] bytes) {
        return (char) ('0' + channel) + Base64.getEncoder().encodeToString(bytes);
    }

    /** A message read: its channel and its bytes. */
    record Message(int channel, byte[] bytes) {
    }

    static Message readBinary(ByteBuffer payload) {
        if (!payload.hasRemaining()) {
            return null;
        }
        int channel = payload.get() & 0xff;
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return new Message(channel, bytes);
    }

    static Message readText(String payload) {
        if (payload.isEmpty()) {
            return null;
        }
        int channel = payload.charAt(0) - '0';
        byte[] bytes = Base64.getDecoder().decode(payload.substring(1).getBytes(StandardCharsets.US_ASCII));
        return new Message(channel, bytes);
    }
}
