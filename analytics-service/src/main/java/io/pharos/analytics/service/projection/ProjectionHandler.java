package io.pharos.analytics.service.projection;

import java.util.Set;

import io.pharos.contracts.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies one family of events to the facts, inside the transaction {@link Projections} opened for
 * the event (the event id is recorded in it, so each event is applied exactly once).
 */
public interface ProjectionHandler {

    /** The CloudEvents types this handler applies; each type has one handler. */
    Set<String> types();

    Uni<Void> apply(SqlConnection c, IncomingEvent event);
}
