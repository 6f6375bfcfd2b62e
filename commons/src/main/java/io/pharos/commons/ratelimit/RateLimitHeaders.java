package io.pharos.commons.ratelimit;

import java.util.function.BiConsumer;

/**
 * The response headers of a limited route: {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} (seconds; IETF draft-ietf-httpapi-ratelimit-headers) and, on a 429,
 * {@code Retry-After} (seconds, RFC 9110).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static void write(RateLimiter.Decision d, BiConsumer<String, String> header) {
        header.accept("RateLimit-Limit", Long.toString(d.limit()));
        header.accept("RateLimit-Remaining", Long.toString(d.remaining()));
        header.accept("RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (!d.allowed()) {
            header.accept("Retry-After", Long.toString(d.retryAfterSeconds()));
        }
    }
}
