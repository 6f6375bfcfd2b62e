package io.pharos.analytics.service.projection;

import java.util.Set;
import java.util.UUID;

import io.pharos.contracts.IncomingEvent;
import io.smallrye.mutiny.Uni;

/**
 * Applies one family of events to the facts, inside the transaction {@link Projections} opened for
 * a batch of events (the event ids are recorded in it, so each event is applied exactly once).
 */
public interface ProjectionHandler {

    /** The CloudEvents types this handler applies; each type has one handler. */
    Set<String> types();

    /**
     * The tickets the event's facts must be serialised on (a ticket's first facts and its early
     * survey answers): locked for the whole batch, all at once and in order, before any event is applied.
     */
    default Set<UUID> tickets(IncomingEvent event) {
        return Set.of();
    }

    /** Applies the event; what is left for the end of the batch goes to {@code batch}. */
    Uni<Void> apply(ProjectionBatch batch, IncomingEvent event);
}
