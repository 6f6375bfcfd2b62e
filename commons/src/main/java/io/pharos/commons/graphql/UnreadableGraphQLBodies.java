package io.pharos.commons.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonException;

import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A {@code /graphql} body that SmallRye GraphQL's JSON reader gives up on (nesting past its limit of
 * 1,000, say) fails the route with a bare exception, which Quarkus answers 500. That is the client's
 * error: it gets 400 with a GraphQL error and a stable code, and nothing ran.
 */
@ApplicationScoped
public class UnreadableGraphQLBodies {

    private static final Logger LOG = Logger.getLogger(UnreadableGraphQLBodies.class);

    void install(@Observes Router router) {
        router.route("/graphql").order(-1000).failureHandler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        if (ctx.response().headWritten() || !unreadable(ctx.failure())) {
            ctx.next();
            return;
        }
        LOG.debugf("Unreadable GraphQL body: %s", ctx.failure().getMessage());
        String body = Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", "The request body is not JSON a GraphQL request can be read from: " + ctx.failure().getMessage())
                .add("extensions", Json.createObjectBuilder().add("code", "BAD_REQUEST").add("kind", "malformed-json"))))
                .build().toString();
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(body);
    }

    /** The JSON reader's own failures (Parsson's nesting limit throws a plain RuntimeException). */
    static boolean unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonException) {
                return true;
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0 && frames[0].getClassName().startsWith("org.eclipse.parsson.")) {
                return true;
            }
        }
        return false;
    }
}
