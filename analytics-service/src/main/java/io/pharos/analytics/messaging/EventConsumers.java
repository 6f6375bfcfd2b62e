package io.pharos.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.service.projection.ProjectionGate;
import io.pharos.analytics.service.projection.Projections;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The projections' inputs: {@code pharos.ticket.events} and {@code pharos.survey.events}. Each
 * event is applied exactly once (see {@link Projections}), through the {@link ProjectionGate} a
 * rebuild closes while it swaps tables; what cannot be read or applied goes to the topic's
 * service's {@code dead_letter} table (replayable) and the stream goes on.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Projections projections;
    private final ProjectionGate gate;
    private final ObjectMapper json;

    public EventConsumers(Projections projections, ProjectionGate gate, ObjectMapper json) {
        this.projections = projections;
        this.gate = gate;
        this.json = json;
    }

    @Incoming("ticket-events")
    public Uni<Void> tickets(String payload) {
        return apply(Topics.TICKET_EVENTS, payload);
    }

    @Incoming("survey-events")
    public Uni<Void> surveys(String payload) {
        return apply(Topics.SURVEY_EVENTS, payload);
    }

    private Uni<Void> apply(String topic, String payload) {
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(json, payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a JSON CloudEvent: " + e.getMessage(), e));
        }
        return gate.pass(() -> projections.apply(topic, event)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("event %s (%s) not applied (tried again if transient, else parked as a dead letter): %s", event.envelope().id(), event.type(),
                        e.toString()));
    }

    /** A parked record of ticket-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("ticket-events")
    ReplayHandler ticketEventsReplay() {
        return record -> tickets(record.payload());
    }

    /** A parked record of survey-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("survey-events")
    ReplayHandler surveyEventsReplay() {
        return record -> surveys(record.payload());
    }
}
