package io.pharos.analytics.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ids of the events applied so far ({@code processed_event}): what makes applying an event idempotent. */
@ApplicationScoped
public class ProcessedEventRepository {

    /** The PostgreSQL notification channel that says "this tenant's facts changed". */
    public static final String LIVE_CHANNEL = "pharos_analytics_live";

    /** Records the event as applied; false when it was applied before. */
    public Uni<Boolean> markProcessed(SqlConnection c, String eventId, String topic, String type) {
        return c.preparedQuery("INSERT INTO processed_event (event_id, topic, type, processed_at) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT (event_id) DO NOTHING").execute(Tuple.of(eventId, topic, type, OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Delivered on commit to every replica: their live-counter subscribers look again. */
    public Uni<Void> notifyChanged(SqlConnection c, String tenant) {
        return c.preparedQuery("SELECT pg_notify('" + LIVE_CHANNEL + "', $1)").execute(Tuple.of(tenant)).replaceWithVoid();
    }

    /** Makes the transaction use {@code schema}'s tables (a rebuild's), public's where it has none; null: public's. */
    public Uni<Void> useSchema(SqlConnection c, String schema) {
        return schema == null ? Uni.createFrom().voidItem() : c.query("SET LOCAL search_path TO " + schema + ", public").execute().replaceWithVoid();
    }
}
