package io.pharos.ticket.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.repository.MessageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharos.channel.delivery}: what became of an agent's reply on its channel. The
 * message's delivery status only moves forward (a late "sent" never hides "read"); the email
 * Message-ID used is kept so that the customer's answer threads into the same ticket.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private final MessageRepository messages;
    private final ObjectMapper json;

    public DeliveryConsumer(MessageRepository messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Incoming("delivery")
    @WithTransaction
    public Uni<Void> consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not JSON: " + e.getMessage(), e));
        }
        String tenant = event.path("tenant").asText(null);
        JsonNode data = event.path("data");
        UUID messageId;
        DeliveryStatus status;
        try {
            messageId = UUID.fromString(data.path("requestId").asText());
            status = DeliveryStatus.valueOf(data.path("status").asText(
                    event.path("type").asText().endsWith(".failed") ? "FAILED" : "DELIVERED").toUpperCase());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("delivery event without requestId/status: " + payload, e));
        }
        return messages.findInTenant(tenant, messageId).flatMap(m -> {
            if (m == null) {
                return Uni.createFrom().voidItem(); // not ours (another tenant's id or a survey invitation)
            }
            if (m.deliveryStatus == null || status == DeliveryStatus.FAILED || status.ordinal() > m.deliveryStatus.ordinal()) {
                m.deliveryStatus = status;
            }
            if (m.providerMessageId == null && data.hasNonNull("providerMessageId")) {
                m.providerMessageId = data.get("providerMessageId").asText();
            }
            if (m.emailMessageId == null && data.hasNonNull("emailMessageId")) {
                m.emailMessageId = data.get("emailMessageId").asText();
            }
            return Uni.createFrom().voidItem();
        });
    }
}
