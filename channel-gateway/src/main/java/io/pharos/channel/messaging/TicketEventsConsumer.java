package io.pharos.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.service.Acknowledgements;
import io.smallrye.mutiny.Uni;

/** New tickets from customers' messages ({@code pharos.ticket.created} with a source) get their receipt. */
@ApplicationScoped
public class TicketEventsConsumer {

    private final Acknowledgements acknowledgements;
    private final ObjectMapper json;

    public TicketEventsConsumer(Acknowledgements acknowledgements, ObjectMapper json) {
        this.acknowledgements = acknowledgements;
        this.json = json;
    }

    @Incoming("ticket-events")
    public Uni<Void> consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e));
        }
        return "pharos.ticket.created".equals(event.path("type").asText()) ? acknowledgements.onTicketCreated(event)
                : Uni.createFrom().voidItem();
    }
}
