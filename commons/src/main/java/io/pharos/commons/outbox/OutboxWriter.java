package io.pharos.commons.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private final String source;

    public OutboxWriter(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.json = json;
        this.source = "//pharos/" + application;
    }

    /** Appends one event; {@code key} is the aggregate id: Kafka key and ordering unit. */
    public Uni<OutboxEvent> append(String tenant, String topic, String type, String key, Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> event = envelope(id, now, tenant, type, key, data);
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
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(session -> session.persist(row)).replaceWith(row);
    }

    /**
     * The same, for services that write with the reactive SQL client instead of Hibernate: the
     * row joins the transaction of {@code connection}.
     */
    public Uni<UUID> append(io.vertx.mutiny.sqlclient.SqlConnection connection, String tenant, String topic, String type, String key,
            Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload;
        try {
            payload = json.writeValueAsString(envelope(id, now, tenant, type, key, data));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return connection.preparedQuery("INSERT INTO outbox_event (event_id, tenant, topic, message_key, lane, type, payload, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.tuple(java.util.List.of(id, tenant, topic, key, lane(key), type, payload,
                        now.atOffset(java.time.ZoneOffset.UTC))))
                .replaceWith(id);
    }

    /** A CloudEvent 1.0 in structured JSON form, with the tenant as extension and the aggregate id as subject. */
    public Map<String, Object> envelope(UUID id, Instant time, String tenant, String type, String key, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", source);
        event.put("type", type);
        event.put("subject", key);
        event.put("time", time);
        event.put("datacontenttype", "application/json");
        event.put("tenant", tenant);
        event.put("data", data);
        return event;
    }

    /** The same aggregate always lands in the same lane, so its events keep their order. */
    public static int lane(String key) {
        return Math.floorMod(key.hashCode(), LANES);
    }
}
