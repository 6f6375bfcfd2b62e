package io.pharos.commons.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on authenticated API calls, per tenant and per client id ({@code azp}) of the verified
 * token, each a token bucket of {@code tenant} / {@code client} requests per {@code window}. The
 * defaults are far above what one tenant does (the ticket-create benchmark peaks below 1,000
 * requests a second from one client): they stop a runaway integration, not normal use.
 */
@ConfigMapping(prefix = "pharos.rate-limit")
public interface RateLimitConfig {

    /** Whether authenticated calls are limited at all. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("1M")
    Duration window();

    /** Requests per window of one tenant, all its clients together. */
    @WithDefault("300000")
    long tenant();

    /** Requests per window of one client id (OIDC {@code azp}) within a tenant. */
    @WithDefault("120000")
    long client();

    /** Most keys kept per limiter; memory stays bounded however many keys callers invent. */
    @WithDefault("10000")
    long maxKeys();
}
