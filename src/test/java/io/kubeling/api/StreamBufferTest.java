package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;

import org.junit.jupiter.api.Test;

/** A watch's buffer keeps its items in order, refuses one beyond its bound, and hands them out a few at a time. */
class StreamBufferTest {

    @Test
    void itemsLeaveInTheOrderTheyCameAndNoMoreThanTheBoundAreHeld() {
        StreamBuffer buffer = new StreamBuffer(3);
        ArrayDeque<Object> taken = new ArrayDeque<>();
        assertThat(buffer.offer(1)).isTrue();
        assertThat(buffer.offer(2)).isTrue();
        assertThat(buffer.offer(3)).isTrue();
        assertThat(buffer.offer(4)).isFalse();

        buffer.drainTo(taken, 2);
        assertThat(taken).containsExactly(1, 2);
        // the freed places are used again, after the one still held
        assertThat(buffer.offer(5)).isTrue();
        assertThat(buffer.offer(6)).isTrue();
        assertThat(buffer.offer(7)).isFalse();

        buffer.drainTo(taken, 10);
        assertThat(taken).containsExactly(1, 2, 3, 5, 6);
        buffer.drainTo(taken, 10);
        assertThat(taken).hasSize(5);
    }
}
