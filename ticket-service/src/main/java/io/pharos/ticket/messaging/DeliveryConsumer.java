package io.pharos.ticket.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.service.ticket.DeliveryStatuses;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharos.channel.delivery} ({@link ChannelEvents#MESSAGE_DELIVERED},
 * {@link ChannelEvents#MESSAGE_FAILED}): what became of an agent's reply on its channel, handed to
 * {@link DeliveryStatuses}. Other types on the topic are none of ticket-service's business.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final DeliveryStatuses statuses;
    private final ObjectMapper json;

    public DeliveryConsumer(DeliveryStatuses statuses, ObjectMapper json) {
        this.statuses = statuses;
        this.json = json;
    }

    @Incoming("delivery")
    public Uni<Void> consume(String payload) {
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(json, payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e));
        }
        EventType<DeliveryReport> type = event.is(ChannelEvents.MESSAGE_FAILED) ? ChannelEvents.MESSAGE_FAILED
                : event.is(ChannelEvents.MESSAGE_DELIVERED) ? ChannelEvents.MESSAGE_DELIVERED : null;
        if (type == null) {
            LOG.debugf("%s on the delivery topic ignored", event.type());
            return Uni.createFrom().voidItem();
        }
        DeliveryReport report;
        try {
            report = event.data(json, type);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("delivery event without requestId/status: " + payload, e));
        }
        if (report.requestId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("delivery event without requestId/status: " + payload));
        }
        return statuses.reported(event.tenant(), new DeliveryStatuses.Report(report.requestId(), status(type, report),
                report.providerMessageId(), report.emailMessageId(), report.at(), report.code(), report.reason(), report.recipient(),
                report.text()));
    }

    /** The reported status; an older producer's report without one is what its type says. */
    private static DeliveryStatus status(EventType<DeliveryReport> type, DeliveryReport report) {
        if (report.status() == null) {
            return type == ChannelEvents.MESSAGE_FAILED ? DeliveryStatus.FAILED : DeliveryStatus.DELIVERED;
        }
        return DeliveryStatus.valueOf(report.status().name());
    }

    /** A parked record of delivery replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("delivery")
    ReplayHandler deliveryReplay() {
        return record -> consume(record.payload());
    }
}
