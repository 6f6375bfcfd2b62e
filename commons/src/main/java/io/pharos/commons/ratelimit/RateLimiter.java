package io.pharos.commons.ratelimit;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per key (a client address, a tenant, a client id): {@code limit} requests per
 * {@code window}, refilled continuously, bursts up to {@code limit}. The buckets live in a Caffeine
 * cache of at most {@code maxKeys} entries, so a client rotating keys costs memory up to that bound
 * and no more (an evicted key merely starts with a full bucket again). Per replica and in memory.
 */
public final class RateLimiter {

    private final long limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(long limit, Duration window, long maxKeys) {
        this(limit, window, maxKeys, System::nanoTime);
    }

    RateLimiter(long limit, Duration window, long maxKeys, LongSupplier nanoTime) {
        if (limit < 1 || window.isZero() || window.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1, a positive window and maxKeys >= 1");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        // a bucket untouched for a whole window is full again: forgetting it changes nothing
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window).executor(Runnable::run).build();
    }

    /** Takes one request of this key if its bucket allows it; the decision carries the RateLimit-* figures either way. */
    public Decision acquire(String key) {
        Bucket bucket = buckets.get(key, k -> new Bucket(limit, nanoTime.getAsLong()));
        return bucket.take(limit, windowNanos, nanoTime.getAsLong());
    }

    public long limit() {
        return limit;
    }

    /** How many keys are held now (bounded by maxKeys). */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /**
     * One decision. {@code resetSeconds}: until the bucket is full again; {@code retryAfterSeconds}:
     * until the next request would be allowed (0 when this one was).
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        /** The stricter of two decisions: refused over allowed, then the fewer remaining. */
        public Decision stricter(Decision other) {
            if (other == null) {
                return this;
            }
            if (allowed != other.allowed) {
                return allowed ? other : this;
            }
            if (!allowed) {
                return retryAfterSeconds >= other.retryAfterSeconds ? this : other;
            }
            return remaining <= other.remaining ? this : other;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(long limit, long now) {
            this.tokens = limit;
            this.at = now;
        }

        synchronized Decision take(long limit, long windowNanos, long now) {
            double perNano = (double) limit / windowNanos;
            tokens = Math.min(limit, tokens + Math.max(0, now - at) * perNano);
            at = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = seconds((limit - tokens) / perNano);
            long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / perNano));
            return new Decision(allowed, limit, (long) Math.floor(tokens), reset, retryAfter);
        }

        private static long seconds(double nanos) {
            return (long) Math.ceil(nanos / 1_000_000_000d);
        }
    }
}
