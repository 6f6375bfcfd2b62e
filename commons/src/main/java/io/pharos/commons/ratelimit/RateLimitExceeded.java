package io.pharos.commons.ratelimit;

import io.pharos.commons.rest.ProblemException;

/** A 429: the caller has used its requests for now; rendered with Retry-After and RateLimit-* ({@link RateLimitMapper}). */
public class RateLimitExceeded extends ProblemException {

    private final transient RateLimiter.Decision decision;

    public RateLimitExceeded(RateLimiter.Decision decision, String detail) {
        this(decision, "rate-limited", detail);
    }

    /** With a problem kind of its own ({@code too-many-submissions}), for clients that already switch on it. */
    public RateLimitExceeded(RateLimiter.Decision decision, String kind, String detail) {
        super(429, kind, "Too many requests", detail);
        this.decision = decision;
    }

    public RateLimiter.Decision decision() {
        return decision;
    }
}
