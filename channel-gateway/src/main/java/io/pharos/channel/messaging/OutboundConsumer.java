package io.pharos.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.service.delivery.Deliveries;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/** Messages to deliver ({@code pharos.channel.outbound}); what cannot even be read is parked as a dead letter. */
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
        CloudEvent<MessageRequested> request;
        try {
            IncomingEvent event = IncomingEvent.parse(json, payload);
            if (!event.is(ChannelEvents.MESSAGE_REQUESTED) || event.historical()) {
                return Uni.createFrom().voidItem(); // history is never sent to anybody
            }
            CloudEvent<?> e = event.envelope();
            request = new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.subject(), e.time(), e.datacontenttype(), e.tenant(),
                    event.data(json, ChannelEvents.MESSAGE_REQUESTED));
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e));
        }
        return deliveries.deliver(request);
    }

    /** A parked record of outbound replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("outbound")
    ReplayHandler outboundReplay() {
        return record -> consume(record.payload());
    }
}
