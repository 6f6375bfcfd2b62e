package io.pharos.commons.deadletter.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.deadletter.DeadLetter;
import io.pharos.commons.deadletter.DeadLetterHeader;
import io.pharos.commons.deadletter.DeadLetterStatus;
import io.pharos.commons.deadletter.DeadLetterSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code dead_letter} table, in plain SQL on the reactive pool (no Hibernate session needed on the Kafka path). */
@ApplicationScoped
public class DeadLetterStore {

    private static final String SUMMARY = "id, channel, topic, kafka_partition, kafka_offset, message_key, tenant, event_type, event_id, reason,"
            + " exception_class, first_failed_at, last_failed_at, attempts, status, resolved_by, resolved_at, resolution_reason";
    private static final String FULL = SUMMARY + ", consumer_group, headers, payload";

    private final Pool pool;

    public DeadLetterStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Parks a record and answers its id. The same record parked again (redelivered after a crash
     * before its offset was committed, or failing again after a replay) counts one more attempt.
     */
    public Uni<Long> park(NewDeadLetter d) {
        JsonArray headers = new JsonArray();
        d.headers().forEach(h -> headers.add(h.base64() != null ? new JsonObject().put("key", h.key()).put("base64", h.base64())
                : new JsonObject().put("key", h.key()).put("value", h.value())));
        OffsetDateTime at = d.failedAt().atOffset(ZoneOffset.UTC);
        Tuple args = Tuple.tuple().addString(d.channel()).addString(d.consumerGroup()).addString(d.topic()).addInteger(d.partition())
                .addLong(d.offset()).addString(d.key()).addValue(headers)
                .addBuffer(d.payload() == null ? null : Buffer.buffer(d.payload())).addString(d.tenant()).addString(d.eventType())
                .addString(d.eventId()).addString(d.reason()).addString(d.exceptionClass()).addValue(at);
        return pool.preparedQuery("INSERT INTO dead_letter (channel, consumer_group, topic, kafka_partition, kafka_offset, message_key, headers,"
                + " payload, tenant, event_type, event_id, reason, exception_class, first_failed_at, last_failed_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)"
                + " ON CONFLICT (channel, topic, kafka_partition, kafka_offset) DO UPDATE SET attempts = dead_letter.attempts + 1,"
                + " reason = EXCLUDED.reason, exception_class = EXCLUDED.exception_class, last_failed_at = EXCLUDED.last_failed_at,"
                + " status = CASE WHEN dead_letter.status = 'replayed' THEN 'parked' ELSE dead_letter.status END"
                + " RETURNING id")
                .execute(args).map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<DeadLetter> find(long id) {
        return pool.preparedQuery("SELECT " + FULL + " FROM dead_letter WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : full(rows.iterator().next()));
    }

    /** The parked row, locked for this transaction; null when it is not parked or another replay holds it. */
    public Uni<DeadLetter> lockParked(SqlClient conn, long id) {
        return conn.preparedQuery("SELECT " + FULL + " FROM dead_letter WHERE id = $1 AND status = 'parked' FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : full(rows.iterator().next()));
    }

    /** Newest first; {@code beforeId} is the keyset cursor. */
    public Uni<List<DeadLetterSummary>> list(String channel, DeadLetterStatus status, String tenant, Long beforeId, int limit) {
        return pool.preparedQuery("SELECT " + SUMMARY + " FROM dead_letter WHERE ($1::text IS NULL OR channel = $1)"
                + " AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR tenant = $3) AND ($4::bigint IS NULL OR id < $4)"
                + " ORDER BY id DESC LIMIT " + limit)
                .execute(Tuple.tuple().addString(channel).addString(status == null ? null : status.column()).addString(tenant).addLong(beforeId))
                .map(rows -> {
                    List<DeadLetterSummary> items = new ArrayList<>();
                    rows.forEach(row -> items.add(summary(row)));
                    return items;
                });
    }

    /** Ids of parked dead letters in a range, oldest first (the order they failed in). */
    public Uni<List<Long>> parkedIds(String channel, String tenant, Long fromId, Long toId, int limit) {
        return pool.preparedQuery("SELECT id FROM dead_letter WHERE status = 'parked' AND ($1::text IS NULL OR channel = $1)"
                + " AND ($2::text IS NULL OR tenant = $2) AND ($3::bigint IS NULL OR id >= $3) AND ($4::bigint IS NULL OR id <= $4)"
                + " ORDER BY id LIMIT " + limit)
                .execute(Tuple.tuple().addString(channel).addString(tenant).addLong(fromId).addLong(toId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    public Uni<Void> replayed(SqlClient conn, long id, String by, Instant at) {
        return conn.preparedQuery("UPDATE dead_letter SET status = 'replayed', resolved_by = $2, resolved_at = $3,"
                + " resolution_reason = 'replayed' WHERE id = $1")
                .execute(Tuple.of(id, by, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> failedAgain(SqlClient conn, long id, String reason, String exceptionClass, Instant at) {
        return conn.preparedQuery("UPDATE dead_letter SET attempts = attempts + 1, reason = $2, exception_class = $3, last_failed_at = $4"
                + " WHERE id = $1")
                .execute(Tuple.of(id, reason, exceptionClass, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Discards a parked dead letter; false when it is not (or no longer) parked. */
    public Uni<Boolean> discard(long id, String by, String reason, Instant at) {
        return pool.preparedQuery("UPDATE dead_letter SET status = 'discarded', resolved_by = $2, resolved_at = $3, resolution_reason = $4"
                + " WHERE id = $1 AND status = 'parked'")
                .execute(Tuple.of(id, by, at.atOffset(ZoneOffset.UTC), reason)).map(rows -> rows.rowCount() == 1);
    }

    /** Parked dead letters per channel. */
    public Uni<Map<String, Long>> parkedByChannel() {
        return pool.query("SELECT channel, count(*) AS n FROM dead_letter WHERE status = 'parked' GROUP BY channel").execute()
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put(row.getString("channel"), row.getLong("n")));
                    return counts;
                });
    }

    private static DeadLetterSummary summary(Row row) {
        return new DeadLetterSummary(row.getLong("id"), row.getString("channel"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("message_key"), row.getString("tenant"), row.getString("event_type"),
                row.getString("event_id"), row.getString("reason"), row.getString("exception_class"), instant(row, "first_failed_at"),
                instant(row, "last_failed_at"), row.getInteger("attempts"), DeadLetterStatus.ofColumn(row.getString("status")),
                row.getString("resolved_by"), instant(row, "resolved_at"), row.getString("resolution_reason"));
    }

    private static DeadLetter full(Row row) {
        DeadLetterSummary s = summary(row);
        List<DeadLetterHeader> headers = new ArrayList<>();
        Object raw = row.getValue("headers");
        if (raw instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject h = array.getJsonObject(i);
                headers.add(new DeadLetterHeader(h.getString("key"), h.getString("value"), h.getString("base64")));
            }
        }
        Buffer payload = row.getBuffer("payload");
        return new DeadLetter(s.id(), s.channel(), row.getString("consumer_group"), s.topic(), s.partition(), s.offset(), s.key(), headers,
                payload == null ? null : new String(payload.getBytes(), StandardCharsets.UTF_8), s.tenant(), s.eventType(), s.eventId(),
                s.reason(), s.exceptionClass(), s.firstFailedAt(), s.lastFailedAt(), s.attempts(), s.status(), s.resolvedBy(),
                s.resolvedAt(), s.resolutionReason());
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }
}
