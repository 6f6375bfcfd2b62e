package io.pharos.ticket.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.service.InboundService;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharos.channel.inbound}. A message that cannot be understood or stored goes to
 * {@code pharos.channel.inbound.dlq} with the reason (the connector's dead-letter strategy), never
 * silently away; redeliveries are harmless because the provider message id is unique.
 */
@ApplicationScoped
public class InboundConsumer {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final InboundService inbound;
    private final ObjectMapper json;

    public InboundConsumer(InboundService inbound, ObjectMapper json) {
        this.inbound = inbound;
        this.json = json;
    }

    @Incoming("inbound")
    public Uni<Void> consume(String payload) {
        JsonNode event;
        InboundMessage message;
        try {
            event = json.readTree(payload);
            message = json.treeToValue(event.path("data"), InboundMessage.class);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent with message data: " + e.getMessage(), e));
        }
        String type = event.path("type").asText();
        String tenant = event.path("tenant").asText(null);
        if (tenant == null || tenant.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("event " + event.path("id").asText() + " has no tenant"));
        }
        if (!type.equals("pharos.channel.message.received") && !type.equals("pharos.channel.call.received")) {
            return Uni.createFrom().failure(new IllegalArgumentException("unexpected event type " + type));
        }
        return inbound.receive(tenant, message)
                .invoke(outcome -> LOG.debugf("inbound %s -> ticket %s (new: %s, duplicate: %s)", message.providerMessageId(),
                        outcome.ticketId(), outcome.newTicket(), outcome.duplicate()))
                .replaceWithVoid();
    }
}
