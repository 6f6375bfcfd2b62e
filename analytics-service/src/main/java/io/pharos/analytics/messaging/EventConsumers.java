package io.pharos.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.service.Projections;
import io.pharos.commons.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The projections' inputs: {@code pharos.ticket.events} and {@code pharos.survey.events}. Each
 * event is applied exactly once (see {@link Projections}); what cannot be read or applied goes
 * to the topic's dead-letter topic ({@code .dlq}) and the stream goes on.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Projections projections;
    private final ObjectMapper json;
    /** Closed while a rebuild swaps the projection tables: events wait at it, none is lost or applied to the old tables. */
    private volatile java.util.concurrent.CompletableFuture<Void> gate = java.util.concurrent.CompletableFuture.completedFuture(null);
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    public EventConsumers(Projections projections, ObjectMapper json) {
        this.projections = projections;
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
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a JSON CloudEvent: " + e.getMessage(), e));
        }
        return Uni.createFrom().completionStage(() -> gate).flatMap(open -> {
            inFlight.incrementAndGet();
            return Uni.createFrom().deferred(() -> projections.apply(topic, event)).onTermination().invoke(inFlight::decrementAndGet);
        }).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("event %s (%s) not applied, to the dead-letter topic: %s", event.path("id").asText(),
                        event.path("type").asText(), e.toString()));
    }

    /**
     * Stops applying events (those on their way finish first); returns once nothing is being
     * applied. Blocking: for a worker or virtual thread.
     */
    public void pause(java.time.Duration timeout) throws InterruptedException {
        gate = new java.util.concurrent.CompletableFuture<>();
        Thread.sleep(50); // an event that saw the gate open just before it closed is counted by then
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                resume();
                throw new IllegalStateException("events still being applied after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Applies events again, beginning with those that waited. */
    public void resume() {
        gate.complete(null);
    }
}
