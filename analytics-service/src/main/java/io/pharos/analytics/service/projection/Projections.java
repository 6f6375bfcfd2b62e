package io.pharos.analytics.service.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.pharos.analytics.repository.ProcessedEventRepository;
import io.pharos.contracts.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies ticket and survey events to the facts, each event id exactly once: the
 * {@code processed_event} row and the facts change in one transaction. Each event type goes to the
 * {@link ProjectionHandler} that declares it; types nobody declares change nothing. Every change
 * commutes — snapshots only replace older snapshots, and everything else is an append-only row
 * whose key makes a repeat a no-op — so events applied in any order, across topics, give the same
 * facts (a reply before its ticket's created event leaves a message row the ticket finds later).
 */
@ApplicationScoped
public class Projections {

    /** The PostgreSQL notification channel that says "this tenant's facts changed". */
    public static final String LIVE_CHANNEL = ProcessedEventRepository.LIVE_CHANNEL;

    /** One event of a topic, as read from it. */
    public record Incoming(String topic, IncomingEvent event) {
    }

    private final Pool pool;
    private final ProcessedEventRepository processed;
    private final Map<String, ProjectionHandler> handlers = new HashMap<>();

    public Projections(Pool pool, ProcessedEventRepository processed, Instance<ProjectionHandler> all) {
        this.pool = pool;
        this.processed = processed;
        for (ProjectionHandler h : all) {
            for (String type : h.types()) {
                ProjectionHandler before = handlers.put(type, h);
                if (before != null) {
                    throw new IllegalStateException(type + " has two handlers: " + before.getClass() + " and " + h.getClass());
                }
            }
        }
    }

    /** Applies one CloudEvent to the live projections; answers false when its id was applied before. */
    public Uni<Boolean> apply(String topic, IncomingEvent event) {
        return apply(topic, event, null);
    }

    /**
     * Applies one CloudEvent to the projections of {@code schema} (null: the live ones, and live
     * subscribers are told); the tables of the same names there are used instead of public's.
     */
    public Uni<Boolean> apply(String topic, IncomingEvent event, String schema) {
        return pool.withTransaction(c -> processed.useSchema(c, schema).flatMap(v -> applyIn(c, topic, event, schema != null)));
    }

    /**
     * Applies many events in one transaction (a rebuild's replay: far fewer commits); when one of
     * them cannot be applied, nothing of the batch is, and the caller applies them one by one.
     */
    public Uni<Void> applyAll(List<Incoming> events, String schema) {
        return pool.withTransaction(c -> {
            Uni<Void> chain = processed.useSchema(c, schema);
            for (Incoming e : events) {
                chain = chain.flatMap(v -> applyIn(c, e.topic(), e.event(), schema != null)).replaceWithVoid();
            }
            return chain;
        });
    }

    private Uni<Boolean> applyIn(SqlConnection c, String topic, IncomingEvent event, boolean quiet) {
        var envelope = event.envelope();
        if (envelope.id() == null || envelope.type() == null || envelope.tenant() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a CloudEvent needs id, type and tenant"));
        }
        return processed.markProcessed(c, envelope.id().toString(), topic, envelope.type())
                .flatMap(fresh -> !fresh ? Uni.createFrom().item(false)
                        : effect(c, event)
                                .flatMap(v -> quiet ? Uni.createFrom().voidItem() : processed.notifyChanged(c, envelope.tenant()))
                                .replaceWith(true));
    }

    private Uni<Void> effect(SqlConnection c, IncomingEvent event) {
        ProjectionHandler handler = handlers.get(event.type());
        return handler == null ? Uni.createFrom().voidItem() : Uni.createFrom().deferred(() -> handler.apply(c, event));
    }
}
