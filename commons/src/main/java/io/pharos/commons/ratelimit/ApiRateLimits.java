package io.pharos.commons.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.rest.Problem;
import io.pharos.commons.security.TokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits every authenticated call of every service (REST, GraphQL, sockets' upgrades) per tenant
 * and per client id ({@code azp}) of the verified token, as a Vert.x filter that runs after
 * authentication (so only a verified token's claims count; a forged one was refused already).
 * Answers 429 problem+json with {@code Retry-After}; every limited answer carries the
 * {@code RateLimit-*} headers of the stricter of the two buckets. Anonymous calls pass through:
 * the public endpoints limit by client address themselves ({@link ClientAddress}).
 */
@ApplicationScoped
public class ApiRateLimits {

    /** After authentication (200) and path authorization (100) in Quarkus' HTTP security. */
    static final int PRIORITY = 50;
    static final String TENANT_CLAIM = "tenant";
    private static final Logger LOG = Logger.getLogger(ApiRateLimits.class);

    private final RateLimitConfig config;
    private final ObjectMapper json;
    private final RateLimiter tenants;
    private final RateLimiter clients;

    public ApiRateLimits(RateLimitConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.tenants = new RateLimiter(config.tenant(), config.window(), config.maxKeys());
        this.clients = new RateLimiter(config.client(), config.window(), config.maxKeys());
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user) || !(token(user.getSecurityIdentity()) instanceof JsonWebToken jwt)) {
            ctx.next();
            return;
        }
        String tenant = claim(jwt, TENANT_CLAIM);
        String client = claim(jwt, "azp");
        if (client.isEmpty()) {
            client = claim(jwt, "client_id");
        }
        RateLimiter.Decision byClient = clients.acquire(tenant + "|" + client);
        RateLimiter.Decision decision = byClient.allowed() ? byClient.stricter(tenants.acquire(tenant)) : byClient;
        RateLimitHeaders.write(decision, ctx.response()::putHeader);
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        String detail = decision == byClient ? "This client has sent too many requests; try again in " + decision.retryAfterSeconds() + " s."
                : "This tenant has sent too many requests; try again in " + decision.retryAfterSeconds() + " s.";
        Problem problem = new Problem(Problem.type("rate-limited"), "Too many requests", 429, detail, ctx.request().path(), null);
        try {
            ctx.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE).end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write the rate-limit problem", e);
            ctx.response().setStatusCode(429).end();
        }
    }

    private static Object token(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getPrincipal();
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = TokenClaims.of(jwt, name);
        return value == null ? "" : String.valueOf(value).replaceAll("^\"|\"$", "");
    }

    /** Size of the limiters' key sets (tests; both bounded by {@code max-keys}). */
    long keys() {
        return tenants.size() + clients.size();
    }
}
