package io.pharos.analytics.service.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.pharos.analytics.repository.ProcessedEventRepository;
import io.pharos.analytics.repository.ProcessedEventRepository.Applied;
import io.pharos.analytics.repository.TicketFactRepository;
import io.pharos.contracts.IncomingEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies ticket and survey events to the facts, each event id exactly once: the
 * {@code processed_event} rows and the facts change in one transaction, for a whole batch of
 * events (one commit, not one per event). Each event type goes to the {@link ProjectionHandler}
 * that declares it; types nobody declares change nothing. Every change commutes — snapshots only
 * replace older snapshots, and everything else is an append-only row whose key makes a repeat a
 * no-op — so events applied in any order, across topics, give the same facts (a reply before its
 * ticket's created event leaves a message row the ticket finds later).
 * <p>
 * A batch: its tickets locked (sorted), its ids recorded in one statement (those seen before are
 * left out), its events applied in order, then each changed ticket's contributions recomputed once,
 * the rollups changed once, and each tenant's live subscribers told once.
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
    private final TicketFactRepository tickets;
    private final TicketContributions contributions;
    private final Map<String, ProjectionHandler> handlers = new HashMap<>();

    public Projections(Pool pool, ProcessedEventRepository processed, TicketFactRepository tickets, TicketContributions contributions,
            Instance<ProjectionHandler> all) {
        this.pool = pool;
        this.processed = processed;
        this.tickets = tickets;
        this.contributions = contributions;
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
        return applyAll(List.of(new Incoming(topic, event)), schema).map(fresh -> !fresh.isEmpty());
    }

    /**
     * Applies many events in one transaction, to the projections of {@code schema} (null: the live
     * ones); answers the ids applied now (not before). When one of them cannot be applied, nothing of
     * the batch is, and the caller applies them one by one to find it.
     */
    public Uni<Set<String>> applyAll(List<Incoming> events, String schema) {
        Map<String, Incoming> unique = new LinkedHashMap<>(); // an id twice in the batch is applied once
        TreeSet<UUID> locked = new TreeSet<>();
        try {
            for (Incoming e : events) {
                var envelope = e.event().envelope();
                if (envelope.id() == null || envelope.type() == null || envelope.tenant() == null) {
                    throw new IllegalArgumentException("a CloudEvent needs id, type and tenant");
                }
                if (unique.putIfAbsent(envelope.id().toString(), e) == null) {
                    ProjectionHandler handler = handlers.get(e.event().type());
                    if (handler != null) {
                        locked.addAll(handler.tickets(e.event()));
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().failure(unreadable);
        }
        List<Applied> ids = unique.values().stream().map(e -> new Applied(e.event().envelope().id().toString(), e.topic(), e.event().type())).toList();
        return pool.withTransaction(c -> {
            ProjectionBatch batch = new ProjectionBatch(c);
            return processed.useSchema(c, schema)
                    .flatMap(v -> tickets.lock(c, new ArrayList<>(locked)))
                    .flatMap(v -> processed.markProcessed(c, ids))
                    .flatMap(fresh -> Multi.createFrom().iterable(unique.entrySet()).filter(e -> fresh.contains(e.getKey()))
                            .onItem().transformToUniAndConcatenate(e -> effect(batch, e.getValue().event()).replaceWith(e.getValue()))
                            .collect().asList()
                            .flatMap(applied -> contributions.recomputeChanged(batch)
                                    .flatMap(v -> batch.rollups().flush(c))
                                    .flatMap(v -> schema != null ? Uni.createFrom().voidItem() : notifyTenants(c, applied)))
                            .replaceWith(fresh));
        });
    }

    private Uni<Void> effect(ProjectionBatch batch, IncomingEvent event) {
        ProjectionHandler handler = handlers.get(event.type());
        return handler == null ? Uni.createFrom().voidItem() : Uni.createFrom().deferred(() -> handler.apply(batch, event));
    }

    /** Each tenant whose events were applied is told once (delivered on commit). */
    private Uni<Void> notifyTenants(SqlConnection c, List<Incoming> applied) {
        return Multi.createFrom().iterable(new TreeSet<>(applied.stream().map(e -> e.event().envelope().tenant()).toList()))
                .onItem().transformToUniAndConcatenate(tenant -> processed.notifyChanged(c, tenant)).collect().last().replaceWithVoid();
    }
}
