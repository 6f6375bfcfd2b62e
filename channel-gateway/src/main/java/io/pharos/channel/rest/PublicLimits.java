package io.pharos.channel.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.ratelimit.ClientAddress;
import io.pharos.commons.ratelimit.RateLimitExceeded;
import io.pharos.commons.ratelimit.RateLimitHeaders;
import io.pharos.commons.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;

/**
 * The limits of the public endpoints (chat sessions, form submissions), per channel and client
 * address as this server sees it ({@link ClientAddress}: X-Forwarded-For counts only from a
 * trusted proxy), in bounded memory. Answers carry the RateLimit-* headers; a refusal is a 429
 * problem with Retry-After.
 */
@ApplicationScoped
public class PublicLimits {

    private final ClientAddress addresses;
    private final RateLimiter sessions;
    private final RateLimiter forms;

    public PublicLimits(ClientAddress addresses,
            @ConfigProperty(name = "pharos.chat.sessions-per-minute", defaultValue = "20") int sessionsPerMinute,
            @ConfigProperty(name = "pharos.forms.submissions-per-minute", defaultValue = "5") int submissionsPerMinute,
            @ConfigProperty(name = "pharos.rate-limit.max-keys", defaultValue = "10000") long maxKeys) {
        this.addresses = addresses;
        this.sessions = new RateLimiter(sessionsPerMinute, Duration.ofMinutes(1), maxKeys);
        this.forms = new RateLimiter(submissionsPerMinute, Duration.ofMinutes(1), maxKeys);
    }

    /** Counts a chat session of this client; throws the 429 when it has opened too many. */
    public void chatSession(String channelId, HttpServerRequest request) {
        take(sessions, channelId, request, "too-many-sessions", "Too many chat sessions from this address; try again in a minute.");
    }

    /** Counts a form submission of this client; throws the 429 when it has submitted too often. */
    public void formSubmission(String channelId, HttpServerRequest request) {
        take(forms, channelId, request, "too-many-submissions", "This address submitted too often; try again in a minute.");
    }

    private void take(RateLimiter limiter, String channelId, HttpServerRequest request, String kind, String refusal) {
        RateLimiter.Decision d = limiter.acquire(channelId + "|" + addresses.of(request));
        if (!d.allowed()) {
            throw new RateLimitExceeded(d, kind, refusal);
        }
        RateLimitHeaders.write(d, request.response()::putHeader);
    }

    /** Keys held by the limiters (tests: bounded however many addresses appear). */
    long size() {
        return sessions.size() + forms.size();
    }
}
