package io.pharos.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.service.Deliveries;
import io.smallrye.mutiny.Uni;

/** Messages to deliver ({@code pharos.channel.outbound}); what cannot even be read goes to the dead-letter topic. */
@ApplicationScoped
public class OutboundConsumer {

    private final Deliveries deliveries;
    private final ObjectMapper json;

    public OutboundConsumer(Deliveries deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    @Incoming("outbound")
    public Uni<Void> consume(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e));
        }
        if (!"pharos.channel.message.requested".equals(event.path("type").asText())) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.deliver(event);
    }
}
