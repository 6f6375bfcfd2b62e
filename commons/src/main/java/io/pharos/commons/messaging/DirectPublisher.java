package io.pharos.commons.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes a CloudEvent straight to Kafka and completes once the broker has it (acks=all), for
 * edges that must not answer before that — a provider's webhook is acknowledged only when its
 * message is durably in Kafka. Everything that changes a database uses the outbox instead.
 */
@ApplicationScoped
public class DirectPublisher {

    private final MutinyEmitter<String> kafka;
    private final Envelopes envelopes;
    private final ObjectMapper json;
    private final EventBudget budget;

    public DirectPublisher(@Channel("outbox") MutinyEmitter<String> kafka, Envelopes envelopes, ObjectMapper json, EventBudget budget) {
        this.kafka = kafka;
        this.envelopes = envelopes;
        this.json = json;
        this.budget = budget;
    }

    /** Answers the event id once the broker acknowledged it. */
    public <T> Uni<String> publish(String tenant, EventType<T> type, String key, T data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(envelopes.envelope(id, Instant.now().truncatedTo(ChronoUnit.MICROS), tenant, type.name(), key, data));
            // refused before it reaches Kafka: the caller answers 413 instead of acknowledging what the broker would refuse
            budget.check(type.name(), payload);
        } catch (JsonProcessingException | io.pharos.commons.rest.ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(type.topic()).withKey(key).withHeaders(headers).build();
        return kafka.sendMessage(Message.of(payload).addMetadata(metadata)).ifNoItem().after(Duration.ofSeconds(20)).fail()
                .replaceWith(id.toString());
    }
}
