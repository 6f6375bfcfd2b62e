package io.pharos.ticket.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.domain.OutboxEvent;
import io.pharos.ticket.repository.OutboxRepository;
import io.smallrye.mutiny.Uni;

/**
 * Writes CloudEvents 1.0 (structured JSON) into the outbox, inside the caller's transaction: the
 * event exists if and only if the change it describes was committed.
 */
@ApplicationScoped
public class OutboxWriter {

    public static final String TICKET_EVENTS = "pharos.ticket.events";
    public static final String CHANNEL_OUTBOUND = "pharos.channel.outbound";
    public static final String SOURCE = "//pharos/ticket-service";
    public static final int LANES = 8;

    private final OutboxRepository outbox;
    private final ObjectMapper json;

    public OutboxWriter(OutboxRepository outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Appends one event; {@code key} is the aggregate id: Kafka key and ordering unit. */
    public Uni<OutboxEvent> append(String tenant, String topic, String type, String key, Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("subject", key);
        event.put("time", now);
        event.put("datacontenttype", "application/json");
        event.put("tenant", tenant);
        event.put("data", data);
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
        return outbox.persist(row);
    }

    /** The same aggregate always lands in the same lane, so its events keep their order. */
    public static int lane(String key) {
        return Math.floorMod(key.hashCode(), LANES);
    }
}
