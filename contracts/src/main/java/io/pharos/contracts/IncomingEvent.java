package io.pharos.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event as a consumer receives it: the envelope read, the data still JSON until the consumer
 * asks for it as the record of its type. An event of an unknown type can still be skipped by name.
 */
public record IncomingEvent(CloudEvent<JsonNode> envelope) {

    private static final com.fasterxml.jackson.core.type.TypeReference<CloudEvent<JsonNode>> ENVELOPE = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    public static IncomingEvent parse(ObjectMapper json, String payload) throws JsonProcessingException {
        return new IncomingEvent(json.readValue(payload, ENVELOPE));
    }

    public static IncomingEvent of(ObjectMapper json, JsonNode event) throws JsonProcessingException {
        return new IncomingEvent(json.treeToValue(event, json.getTypeFactory().constructType(ENVELOPE)));
    }

    public String type() {
        return envelope.type();
    }

    public String tenant() {
        return envelope.tenant();
    }

    /** Whether an import of history produced this event: project it, never react to it with live behaviour. */
    public boolean historical() {
        return envelope.isHistorical();
    }

    public boolean is(EventType<?> type) {
        return type.name().equals(envelope.type());
    }

    /** The data as the record of {@code type}; fails when the event is of another type. */
    public <T> T data(ObjectMapper json, EventType<T> type) throws JsonProcessingException {
        if (!is(type)) {
            throw new IllegalArgumentException("event " + envelope.id() + " is " + envelope.type() + ", not " + type.name());
        }
        return json.treeToValue(envelope.data(), type.dataClass());
    }
}
