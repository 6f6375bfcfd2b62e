package io.pharos.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.contracts.EventType;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;

/**
 * channel-gateway's events as it sends them, built from its contract records: each sample is first
 * checked against the published schema of its type, then exactly that JSON goes on the real topic.
 * A sample the producer could not send fails here, not in ticket-service's consumer.
 */
final class ChannelSamples {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private ChannelSamples() {
    }

    static <T> void publish(EventType<T> type, String key, T data) {
        publish(type, type.topic(), key, data);
    }

    /** On another topic than the type's own: what a consumer does with an event that is not for it. */
    static <T> void publish(EventType<T> type, String topic, String key, T data) {
        JsonNode event = JSON.valueToTree(CloudEvent.of(UUID.randomUUID(), "//pharos/channel-gateway", type, key, Instant.now(), "acme", data));
        assertThat(EventContracts.violations(event)).as("%s sample against its schema: %s", type, event).isEmpty();
        try {
            KafkaEvents.publishRaw(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
