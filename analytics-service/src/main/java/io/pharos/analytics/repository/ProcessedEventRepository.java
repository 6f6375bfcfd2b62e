package io.pharos.analytics.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ids of the events applied so far ({@code processed_event}): what makes applying an event idempotent. */
@ApplicationScoped
public class ProcessedEventRepository {

    /** The PostgreSQL notification channel that says "this tenant's facts changed". */
    public static final String LIVE_CHANNEL = "pharos_analytics_live";

    /** One event to record as applied. */
    public record Applied(String eventId, String topic, String type) {
    }

    /**
     * Records the events as applied, in one statement; answers the ids that were not applied before
     * (each id once, however often it is in {@code events}).
     */
    public Uni<Set<String>> markProcessed(SqlConnection c, List<Applied> events) {
        String[] ids = events.stream().map(Applied::eventId).toArray(String[]::new);
        String[] topics = events.stream().map(Applied::topic).toArray(String[]::new);
        String[] types = events.stream().map(Applied::type).toArray(String[]::new);
        return c.preparedQuery("INSERT INTO processed_event (event_id, topic, type, processed_at)"
                + " SELECT e.id, e.topic, e.type, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS e(id, topic, type)"
                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
                .execute(Tuple.of(ids, topics, types, OffsetDateTime.now(ZoneOffset.UTC))).map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(r -> fresh.add(r.getString(0)));
                    return fresh;
                });
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
