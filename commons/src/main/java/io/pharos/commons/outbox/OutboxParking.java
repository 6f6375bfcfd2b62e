package io.pharos.commons.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pharos.commons.rest.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's dead-letter table ({@code outbox_parked}): rows the relay gave up on, and what a
 * platform administrator does with them. A parked row holds back the later rows of its aggregate
 * (same tenant and key) until it is replayed or discarded; every other aggregate keeps flowing.
 */
@ApplicationScoped
public class OutboxParking {

    private static final Logger LOG = Logger.getLogger(OutboxParking.class);
    private static final int MAX_ERROR = 2_000;
    private static final String COLUMNS = "p.id, p.event_id, p.tenant, p.topic, p.message_key, p.type, p.size, p.error, p.attempts,"
            + " p.first_try, p.last_try, p.status, p.resolved_by, p.resolved_at, p.reason,"
            + " CASE WHEN p.status = 'parked' THEN (SELECT count(*) FROM outbox_event e WHERE e.lane = p.lane AND e.tenant = p.tenant"
            + " AND e.message_key = p.message_key AND e.id > p.id) ELSE 0 END AS waiting";

    private final Pool pool;
    private final AtomicLong parked = new AtomicLong();

    public OutboxParking(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        Gauge.builder("pharos.outbox.parked", parked, AtomicLong::get)
                .description("Outbox rows that could not be published and wait for a platform administrator").strongReference(true)
                .register(metrics);
    }

    /** Moves a row out of the outbox, inside the relay's transaction; its aggregate's later rows now wait for it. */
    Uni<Void> park(SqlConnection conn, long id, Throwable error) {
        String why = describe(error);
        return conn.preparedQuery("INSERT INTO outbox_parked (id, event_id, tenant, topic, message_key, lane, type, payload, size, created_at,"
                + " error, attempts, first_try, last_try, status)"
                + " SELECT id, event_id, tenant, topic, message_key, lane, type, payload, octet_length(payload), created_at, $2, attempts + 1,"
                + " coalesce(first_try, now()), now(), 'parked' FROM outbox_event WHERE id = $1"
                // parked again after a replay: the row is back in trouble, its earlier resolution stays in the log
                + " ON CONFLICT (id) DO UPDATE SET error = EXCLUDED.error, attempts = outbox_parked.attempts + EXCLUDED.attempts,"
                + " last_try = EXCLUDED.last_try, payload = EXCLUDED.payload, size = EXCLUDED.size, status = 'parked',"
                + " resolved_by = NULL, resolved_at = NULL, reason = NULL"
                + " RETURNING tenant, message_key, type, topic, size, attempts")
                .execute(Tuple.of(id, why))
                .flatMap(rows -> conn.preparedQuery("DELETE FROM outbox_event WHERE id = $1").execute(Tuple.of(id)).invoke(deleted -> {
                    for (Row r : rows) {
                        LOG.warnf("outbox row %d parked after %d attempt(s): tenant=%s key=%s type=%s topic=%s size=%d error=%s; later events"
                                + " of this aggregate wait until a platform administrator replays or discards it",
                                id, r.getInteger("attempts"), r.getString("tenant"), r.getString("message_key"), r.getString("type"),
                                r.getString("topic"), r.getInteger("size"), why);
                    }
                    parked.incrementAndGet();
                }))
                .replaceWithVoid();
    }

    /** Newest first, optionally of one tenant and/or status. */
    public Uni<List<ParkedEvent>> list(String tenant, String status, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM outbox_parked p WHERE ($1::text IS NULL OR p.tenant = $1)"
                + " AND ($2::text IS NULL OR p.status = $2) ORDER BY p.last_try DESC, p.id DESC LIMIT $3")
                .execute(Tuple.of(tenant, status(status), Math.max(1, Math.min(limit, 500))))
                .map(rows -> {
                    List<ParkedEvent> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(toEvent(r, false)));
                    return out;
                });
    }

    /** One row with its payload. */
    public Uni<ParkedEvent> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", p.payload FROM outbox_parked p WHERE p.id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Parked outbox row", id);
                    }
                    return toEvent(rows.iterator().next(), true);
                });
    }

    /**
     * Puts the row back into the outbox under its original id, so it is published before the rows
     * of its aggregate that waited behind it; for after the cause was fixed.
     */
    public Uni<ParkedEvent> replay(long id, String who, String reason) {
        return pool.withTransaction(conn -> conn.preparedQuery("WITH p AS (UPDATE outbox_parked SET status = 'replayed', resolved_by = $2,"
                + " resolved_at = now(), reason = $3 WHERE id = $1 AND status = 'parked' RETURNING *)"
                + " INSERT INTO outbox_event (id, event_id, tenant, topic, message_key, lane, type, payload, created_at)"
                + " SELECT id, event_id, tenant, topic, message_key, lane, type, payload, created_at FROM p RETURNING id")
                .execute(Tuple.of(id, who, reason)))
                .flatMap(rows -> resolved(rows.size(), id, "replayed", who, reason));
    }

    /** Gives the row up for good (its event is never published); the rows behind it flow again. */
    public Uni<ParkedEvent> discard(long id, String who, String reason) {
        if (reason == null || reason.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("reason-required", "Say why the event is discarded: {\"reason\": \"...\"}."));
        }
        return pool.preparedQuery("UPDATE outbox_parked SET status = 'discarded', resolved_by = $2, resolved_at = now(), reason = $3"
                + " WHERE id = $1 AND status = 'parked' RETURNING id")
                .execute(Tuple.of(id, who, reason.strip()))
                .flatMap(rows -> resolved(rows.size(), id, "discarded", who, reason.strip()));
    }

    /** How many rows are parked now (health check). */
    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM outbox_parked WHERE status = 'parked'").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(parked::set);
    }

    /** Keeps the gauge true when another replica parked or resolved rows. */
    @Scheduled(every = "${pharos.outbox.parked-refresh:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return count().onFailure().recoverWithItem(-1L).replaceWithVoid();
    }

    private Uni<ParkedEvent> resolved(int changed, long id, String action, String who, String reason) {
        return get(id).map(row -> {
            if (changed == 0) {
                throw ProblemException.conflict("not-parked", "Outbox row " + id + " is " + row.status().wire() + ", not parked.");
            }
            // the audit line: who did what to which event, and why (also kept in the row)
            LOG.warnf("outbox row %d (event %s, tenant %s, key %s, type %s) %s by %s: %s", id, row.eventId(), row.tenant(), row.key(),
                    row.type(), action, who, reason == null ? "-" : reason);
            parked.updateAndGet(n -> Math.max(0, n - 1));
            return row;
        });
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (!List.of("parked", "replayed", "discarded").contains(s)) {
            throw ProblemException.badRequest("invalid-field", "status must be parked, replayed or discarded");
        }
        return s;
    }

    private static ParkedEvent toEvent(Row r, boolean withPayload) {
        return new ParkedEvent(r.getLong("id"), r.getUUID("event_id"), r.getString("tenant"), r.getString("topic"),
                r.getString("message_key"), r.getString("type"), r.getInteger("size"), r.getString("error"), r.getInteger("attempts"),
                instant(r.getOffsetDateTime("first_try")), instant(r.getOffsetDateTime("last_try")),
                ParkedEvent.Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)), r.getLong("waiting"),
                r.getString("resolved_by"), instant(r.getOffsetDateTime("resolved_at")), r.getString("reason"),
                withPayload ? r.getString("payload") : null);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String text = root.getClass().getName() + ": " + root.getMessage();
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
