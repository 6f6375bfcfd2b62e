package io.pharos.analytics.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.service.projection.ProjectionGate;
import io.pharos.analytics.service.projection.Projections;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.commons.retry.TransientFailures;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The projections' inputs: {@code pharos.ticket.events} and {@code pharos.survey.events}, read a
 * poll's batch of records at a time. A batch is applied in one transaction (see {@link
 * Projections}), through the {@link ProjectionGate} a rebuild closes while it swaps tables. If that
 * transaction fails (after a few tries when the failure is transient, a deadlock between the two
 * channels say), the batch's events are applied one by one, each in its own transaction, and only
 * what cannot be read or applied is nacked: the failure strategy parks it in this service's
 * {@code dead_letter} table (replayable), alone, and the stream goes on.
 * <p>
 * Records are acknowledged one by one for what failed, by the batch for the rest: in batch mode
 * the connector tracks only each partition's latest record of the batch, so acknowledging it
 * commits the partition up to it — after the failed records before it are parked.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    /** Tries of a batch whose transaction failed for a transient reason, before it is applied one by one. */
    private static final int BATCH_TRIES = 3;

    private final Projections projections;
    private final ProjectionGate gate;
    private final ObjectMapper json;

    public EventConsumers(Projections projections, ProjectionGate gate, ObjectMapper json) {
        this.projections = projections;
        this.gate = gate;
        this.json = json;
    }

    @Incoming("ticket-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> tickets(KafkaRecordBatch<String, String> batch) {
        return consume(Topics.TICKET_EVENTS, batch);
    }

    @Incoming("survey-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> surveys(KafkaRecordBatch<String, String> batch) {
        return consume(Topics.SURVEY_EVENTS, batch);
    }

    /** A record and the event read from it. */
    private record Read(KafkaRecord<String, String> record, Projections.Incoming event) {
    }

    private Uni<Void> consume(String topic, KafkaRecordBatch<String, String> batch) {
        Map<KafkaRecord<String, String>, Throwable> refused = new LinkedHashMap<>(); // identity: records do not override equals
        List<Read> read = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                read.add(new Read(record, new Projections.Incoming(topic, parse(record.getPayload()))));
            } catch (IllegalArgumentException unreadable) {
                refused.put(record, unreadable);
            }
        }
        Uni<Void> applied = read.isEmpty() ? Uni.createFrom().voidItem()
                : gate.pass(() -> projections.applyAll(read.stream().map(Read::event).toList(), null))
                        .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(50), Duration.ofSeconds(1)).atMost(BATCH_TRIES - 1)
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(e -> {
                            LOG.infof("%s: a batch of %d events was not applied in one transaction (%s); applying them one by one", topic, read.size(),
                                    e.toString());
                            return oneByOne(read, refused);
                        });
        return applied.flatMap(v -> settle(batch, refused));
    }

    /** Each event in its own transaction, as without batches; what fails is kept for the failure strategy. */
    private Uni<Void> oneByOne(List<Read> read, Map<KafkaRecord<String, String>, Throwable> refused) {
        return Multi.createFrom().iterable(read)
                .onItem().transformToUniAndConcatenate(r -> apply(r.event()).replaceWith(r).onFailure().recoverWithItem(e -> {
                    refused.put(r.record(), e);
                    return r;
                }))
                .collect().last().replaceWithVoid();
    }

    /** The refused records are nacked (parked, each then acknowledged by the failure strategy) before the batch is acknowledged. */
    private Uni<Void> settle(KafkaRecordBatch<String, String> batch, Map<KafkaRecord<String, String>, Throwable> refused) {
        Uni<Void> parked = Multi.createFrom().iterable(refused.entrySet())
                .onItem().transformToUniAndConcatenate(e -> Uni.createFrom().completionStage(() -> e.getKey().nack(e.getValue())).replaceWith(e))
                .collect().last().replaceWithVoid();
        return parked.flatMap(v -> Multi.createFrom().iterable(batch.getLatestOffsetRecords().values()).filter(r -> !refused.containsKey(r))
                .onItem().transformToUniAndConcatenate(r -> Uni.createFrom().completionStage(r::ack).replaceWith(r))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> apply(Projections.Incoming e) {
        IncomingEvent event = e.event();
        return gate.pass(() -> projections.apply(e.topic(), event)).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("event %s (%s) not applied (tried again if transient, else parked as a dead letter): %s",
                        event.envelope().id(), event.type(), failure.toString()));
    }

    private IncomingEvent parse(String payload) {
        try {
            return IncomingEvent.parse(json, payload);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON CloudEvent: " + e.getMessage(), e);
        }
    }

    /** One parked record of {@code topic}, replayed by an operator or after a transient failure: processed alone. */
    private Uni<Void> replay(String topic, String payload) {
        return Uni.createFrom().item(() -> parse(payload)).flatMap(event -> apply(new Projections.Incoming(topic, event)));
    }

    /** A parked record of ticket-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("ticket-events")
    ReplayHandler ticketEventsReplay() {
        return record -> replay(Topics.TICKET_EVENTS, record.payload());
    }

    /** A parked record of survey-events replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("survey-events")
    ReplayHandler surveyEventsReplay() {
        return record -> replay(Topics.SURVEY_EVENTS, record.payload());
    }
}
