package io.pharos.ticket.service.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.messaging.SingleFlight;
import io.pharos.commons.messaging.PgNotifications;
import io.pharos.commons.rest.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Follows the sequenced ticket changes (see migration V2) and hands them to live subscribers.
 * Each replica numbers pending changes when woken (only one succeeds at a time), reads what was
 * numbered since its cursor and broadcasts it; a subscriber that falls behind, or starts from an
 * older number, catches up from the table, so nothing between two numbers is ever skipped.
 */
@ApplicationScoped
public class TicketChangeFeed {

    /** One numbered change of one ticket; a change of one of its messages names it (and its new delivery status). */
    public record Change(String tenant, long sequence, UUID ticketId, String type, Instant occurredAt, UUID messageId,
            String deliveryStatus) {
    }

    private static final int BATCH = 1000;
    private static final int SUBSCRIBER_BUFFER = 10_000;

    private final Pool pool;
    private final Duration retention;
    private final BroadcastProcessor<Change> live = BroadcastProcessor.create();
    private final SingleFlight sequencer = new SingleFlight("ticket change feed", this::cycle);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile long position = -1;
    private PgSubscriber subscriber;

    public TicketChangeFeed(Pool pool, @ConfigProperty(name = "pharos.changes.retention", defaultValue = "P7D") Duration retention) {
        this.pool = pool;
        this.retention = retention;
    }

    void start(@Observes StartupEvent ignored, io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        position = pool.query("SELECT coalesce(max(pos), 0) AS pos FROM ticket_change").execute()
                .map(rows -> rows.iterator().next().getLong("pos")).await().atMost(Duration.ofSeconds(30));
        started.set(true);
        subscriber = PgNotifications.listen(vertx, url, user, password, this::wake, "pharos_ticket_change",
                "pharos_ticket_sequenced");
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
        live.onComplete();
    }

    @Scheduled(every = "${pharos.changes.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM ticket_change WHERE seq IS NOT NULL AND occurred_at < $1")
                .execute(Tuple.of(Instant.now().minus(retention).atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    void wake() {
        if (!started.get()) {
            return;
        }
        sequencer.wake();
    }

    /** Numbers what is pending, then broadcasts what is newly numbered; answers whether more is waiting. */
    private Uni<Boolean> cycle() {
        return pool.query("SELECT sequence_ticket_changes(" + BATCH + ") AS n").execute()
                .flatMap(ignored -> broadcastNew())
                .map(read -> read >= BATCH);
    }

    private Uni<Integer> broadcastNew() {
        return pool.preparedQuery("SELECT tenant, seq, ticket_id, type, occurred_at, message_id, delivery_status, pos FROM ticket_change"
                + " WHERE pos > $1 ORDER BY pos LIMIT " + BATCH)
                .execute(Tuple.of(position))
                .map(rows -> {
                    for (Row row : rows) {
                        position = row.getLong("pos");
                        live.onNext(change(row));
                    }
                    return rows.size();
                });
    }

    /**
     * The tenant's changes numbered after {@code since} (all future ones when null), in order and
     * without gaps. Fails with {@code resync-required} when the changes after {@code since} have
     * already been pruned, so the client reloads its lists instead of silently missing updates.
     */
    public Multi<Change> follow(String tenant, Long since) {
        AtomicLong last = new AtomicLong(since == null ? -1 : Math.max(0, since));
        Multi<Optional<Change>> triggers = Multi.createBy().merging().streams(
                Multi.createFrom().item(Optional.<Change> empty()),
                live.select().where(c -> c.tenant().equals(tenant)).map(Optional::of)
                        .onOverflow().buffer(SUBSCRIBER_BUFFER));
        return triggers.onItem().transformToMultiAndConcatenate(trigger -> next(tenant, last, trigger));
    }

    private Multi<Change> next(String tenant, AtomicLong last, Optional<Change> trigger) {
        if (last.get() < 0) {
            // no starting point given: begin with what is numbered from now on
            return latest(tenant).onItem().transformToMulti(latest -> {
                last.set(latest);
                return trigger.isPresent() ? next(tenant, last, trigger) : Multi.createFrom().empty();
            });
        }
        if (trigger.isPresent()) {
            long sequence = trigger.get().sequence();
            if (sequence <= last.get()) {
                return Multi.createFrom().empty();
            }
            if (sequence == last.get() + 1) {
                last.set(sequence);
                return Multi.createFrom().item(trigger.get());
            }
        }
        return catchUp(tenant, last);
    }

    private Multi<Change> catchUp(String tenant, AtomicLong last) {
        long from = last.get();
        return pool.preparedQuery("SELECT tenant, seq, ticket_id, type, occurred_at, message_id, delivery_status FROM ticket_change"
                + " WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT " + BATCH)
                .execute(Tuple.of(tenant, from))
                .onItem().transformToMulti(rows -> {
                    List<Change> changes = new ArrayList<>();
                    rows.forEach(row -> changes.add(change(row)));
                    if (!changes.isEmpty() && changes.get(0).sequence() != from + 1) {
                        return Multi.createFrom().failure(ProblemException.conflict("resync-required",
                                "Changes after " + from + " are no longer kept; reload your lists and subscribe again without since."));
                    }
                    Multi<Change> page = Multi.createFrom().iterable(changes)
                            .onItem().invoke(c -> last.set(c.sequence()));
                    return changes.size() < BATCH ? page
                            : Multi.createBy().concatenating().streams(page, Multi.createFrom().deferred(() -> catchUp(tenant, last)));
                });
    }

    /** Number of the tenant's latest sequenced change (0 before the first). */
    public Uni<Long> latest(String tenant) {
        return pool.preparedQuery("SELECT last_seq FROM ticket_change_counter WHERE tenant = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("last_seq"));
    }

    private static Change change(Row row) {
        return new Change(row.getString("tenant"), row.getLong("seq"), row.getUUID("ticket_id"), row.getString("type"),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getUUID("message_id"), row.getString("delivery_status"));
    }
}
