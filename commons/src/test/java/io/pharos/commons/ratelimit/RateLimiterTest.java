package io.pharos.commons.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aKeyGetsItsLimitThenWaitsForTheBucketToRefill() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(1), 100, now::get);
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision d = limiter.acquire("198.51.100.7");
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(4 - i);
            assertThat(d.limit()).isEqualTo(5);
        }
        RateLimiter.Decision refused = limiter.acquire("198.51.100.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).as("one request refills every 12 s").isEqualTo(12);
        assertThat(refused.resetSeconds()).isEqualTo(60);
        assertThat(limiter.acquire("198.51.100.8").allowed()).as("another key has its own bucket").isTrue();

        now.addAndGet(Duration.ofSeconds(12).toNanos());
        assertThat(limiter.acquire("198.51.100.7").allowed()).isTrue();
        assertThat(limiter.acquire("198.51.100.7").allowed()).isFalse();
    }

    @Test
    void memoryStaysAtCapacityHoweverManyKeysAreInvented() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(1), 1_000);
        for (int i = 0; i < 50_000; i++) {
            limiter.acquire("203.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void theStricterDecisionWins() {
        RateLimiter.Decision a = new RateLimiter.Decision(true, 10, 3, 5, 0);
        RateLimiter.Decision b = new RateLimiter.Decision(true, 100, 50, 1, 0);
        RateLimiter.Decision no = new RateLimiter.Decision(false, 100, 0, 1, 2);
        assertThat(a.stricter(b)).isSameAs(a);
        assertThat(b.stricter(a)).isSameAs(a);
        assertThat(a.stricter(no)).isSameAs(no);
    }
}
