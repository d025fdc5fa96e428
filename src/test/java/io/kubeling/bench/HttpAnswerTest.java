package io.kubeling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerWithItsLengthEndsWhereItsBodyDoes() {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n";
        byte[] all = bytes(answer + "HTTP/1.1");
        for (int length = 0; length < answer.length(); length++) {
            assertThat(HttpAnswer.end(all, length)).as("after %d bytes", length).isEqualTo(-1);
        }
        assertThat(HttpAnswer.end(all, all.length)).isEqualTo(answer.length());
        assertThat(HttpAnswer.status(all)).isEqualTo(200);
        assertThat(HttpAnswer.body(all, answer.length())).isEqualTo("{\"a\":\"bc\"}\n");
        assertThat(HttpAnswer.closes(all, answer.length())).isFalse();
    }

    @Test
    void aChunkedAnswerEndsAfterItsLastChunkAndItsBodyJoinsTheChunks() {
        String answer = "HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "4\r\n{\"a\"\r\n6;x=y\r\n:\"bc\"}\r\n0\r\n\r\n";
        byte[] all = bytes(answer);
        for (int length = 0; length < answer.length(); length++) {
            assertThat(HttpAnswer.end(all, length)).as("after %d bytes", length).isEqualTo(-1);
        }
        assertThat(HttpAnswer.end(all, all.length)).isEqualTo(answer.length());
        assertThat(HttpAnswer.status(all)).isEqualTo(409);
        assertThat(HttpAnswer.body(all, answer.length())).isEqualTo("{\"a\":\"bc\"}");
        assertThat(HttpAnswer.closes(all, answer.length())).isTrue();
    }
}
