package io.pharos.channel.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.service.acknowledgement.Acknowledgements;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.smallrye.common.annotation.Identifier;
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
        IncomingEvent event;
        TicketCreated created;
        try {
            event = IncomingEvent.parse(json, payload);
            if (!event.is(TicketEvents.TICKET_CREATED) || event.historical()) {
                return Uni.createFrom().voidItem(); // an imported ticket of history is not acknowledged to its customer
            }
            created = event.data(json, TicketEvents.TICKET_CREATED);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e));
        }
        return acknowledgements.onTicketCreated(event.tenant(), created);
    }

    /** A parked record of ticket-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("ticket-events")
    ReplayHandler ticketEventsReplay() {
        return record -> consume(record.payload());
    }
}
