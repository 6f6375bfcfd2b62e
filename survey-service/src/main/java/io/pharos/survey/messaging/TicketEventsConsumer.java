package io.pharos.survey.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.IncomingEvent;
import io.pharos.survey.service.TicketEventService;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharos.ticket.events}. What cannot be read or applied goes to
 * survey-service's {@code dead_letter} table (replayable); redeliveries are harmless (each event id is applied once).
 */
@ApplicationScoped
public class TicketEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TicketEventsConsumer.class);

    private final TicketEventService events;
    private final ObjectMapper json;

    public TicketEventsConsumer(TicketEventService events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @Incoming("ticket-events")
    public Uni<Void> consume(String payload) {
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(json, payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a JSON CloudEvent: " + e.getMessage(), e));
        }
        return Uni.createFrom().deferred(() -> events.apply(event)).onFailure().invoke(e -> LOG.warnf("event %s (%s) not applied (tried again if transient, else parked as a dead letter): %s",
                event.envelope().id(), event.type(), e.toString()));
    }

    /** A parked record of ticket-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("ticket-events")
    ReplayHandler ticketEventsReplay() {
        return record -> consume(record.payload());
    }
}
