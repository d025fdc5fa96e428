package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.StatusException;

class MutatingSeatsTest {

    @Test
    void onlyWritesTakeSeats() {
        assertThat(MutatingSeats.mutating("POST")).isTrue();
        assertThat(MutatingSeats.mutating("PATCH")).isTrue();
        assertThat(MutatingSeats.mutating("DELETE")).isTrue();
        assertThat(MutatingSeats.mutating("GET")).isFalse();
    }

    @Test
    void aWriteWaitsForASeatAndGoesOnWhenOneIsFree() throws Exception {
        MutatingSeats seats = new MutatingSeats(1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdTheOnlySeat(seats, release);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> seats.hold(() -> "second"));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void aWriteThatWaitsTooLongGetsKubesTooManyRequests() throws Exception {
        MutatingSeats seats = new MutatingSeats(1, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdTheOnlySeat(seats, release);
        try {
            assertThatThrownBy(() -> seats.hold(() -> "second"))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(429);
                        assertThat(e.status().getReason()).isEqualTo("TooManyRequests");
                        assertThat(e.status().getMessage()).isEqualTo("Too many requests, please try again later.");
                        assertThat(e.status().getDetails().getRetryAfterSeconds()).isEqualTo(1);
                    });
        } finally {
            release.countDown();
        }
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    }

    /** A write that takes the one seat and keeps it until {@code release}; returns once it holds it. */
    private static CompletableFuture<String> holdTheOnlySeat(MutatingSeats seats, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> seats.hold(() -> {
            holding.countDown();
            await(release);
            return "first";
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
