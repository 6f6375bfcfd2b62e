package io.pharos.commons.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.messaging.EventBudget;
import io.pharos.commons.messaging.Envelopes;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes CloudEvents 1.0 (structured JSON) into the outbox, inside the caller's transaction: the
 * event exists if and only if the change it describes was committed.
 */
@ApplicationScoped
public class OutboxWriter {

    public static final int LANES = 8;

    private final ObjectMapper json;
    private final Envelopes envelopes;
    private final EventBudget budget;

    public OutboxWriter(ObjectMapper json, Envelopes envelopes, EventBudget budget) {
        this.json = json;
        this.envelopes = envelopes;
        this.budget = budget;
    }

    /** Appends one event to its type's topic; {@code key} is the aggregate id: Kafka key and ordering unit. */
    public <T> Uni<OutboxEvent> append(String tenant, EventType<T> type, String key, T data) {
        return append(tenant, type.topic(), type.name(), key, data);
    }

    /** The same, for services that write with the reactive SQL client: the row joins {@code connection}'s transaction. */
    public <T> Uni<UUID> append(io.vertx.mutiny.sqlclient.SqlConnection connection, String tenant, EventType<T> type, String key, T data) {
        return append(connection, tenant, type.topic(), type.name(), key, data);
    }

    private Uni<OutboxEvent> append(String tenant, String topic, String type, String key, Object data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CloudEvent<Object> event = envelopes.envelope(id, now, tenant, type, key, data);
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.tenant = tenant;
        row.topic = topic;
        row.messageKey = key;
        row.lane = lane(key);
        row.type = type;
        row.createdAt = now;
        try {
            row.payload = json.writeValueAsString(event);
            budget.check(type, row.payload); // over budget: the caller's transaction fails, nothing is committed
        } catch (JsonProcessingException | ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.persist(row)).replaceWith(row);
    }

    private Uni<UUID> append(io.vertx.mutiny.sqlclient.SqlConnection connection, String tenant, String topic, String type, String key,
            Object data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload;
        try {
            payload = json.writeValueAsString(envelopes.envelope(id, now, tenant, type, key, data));
            budget.check(type, payload);
        } catch (JsonProcessingException | ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return connection.preparedQuery("INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.tuple(java.util.List.of(id, tenant, topic, key, lane(key), type, payload,
                        now.atOffset(java.time.ZoneOffset.UTC))))
                .replaceWith(id);
    }

    /** The same aggregate always lands in the same lane, so its events keep their order. */
    public static int lane(String key) {
        return Math.floorMod(key.hashCode(), LANES);
    }
}
