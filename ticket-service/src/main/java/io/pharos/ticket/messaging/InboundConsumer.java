package io.pharos.ticket.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.channel.AttachmentReport;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.ticket.api.InboundEdit;
import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.api.InboundReaction;
import io.pharos.ticket.service.UniqueRaces;
import io.pharos.ticket.service.inbound.InboundAttachments;
import io.pharos.ticket.service.inbound.InboundService;
import io.pharos.ticket.service.inbound.MessageUpdates;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code pharos.channel.inbound} ({@link ChannelEvents#MESSAGE_RECEIVED},
 * {@link ChannelEvents#CALL_RECEIVED}, {@link ChannelEvents#MESSAGE_EDITED}, {@link ChannelEvents#MESSAGE_REACTED}, {@link ChannelEvents#ATTACHMENT_STORED},
 * {@link ChannelEvents#ATTACHMENT_FAILED}). A message that cannot be understood or stored goes to
 * ticket-service's {@code dead_letter} table with the reason (failure strategy {@code pharos-park}, replayable), never
 * silently away; redeliveries are harmless because the provider message id is unique.
 */
@ApplicationScoped
public class InboundConsumer {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final InboundService inbound;
    private final MessageUpdates updates;
    private final InboundAttachments attachments;
    private final ObjectMapper json;

    public InboundConsumer(InboundService inbound, MessageUpdates updates, InboundAttachments attachments, ObjectMapper json) {
        this.inbound = inbound;
        this.attachments = attachments;
        this.updates = updates;
        this.json = json;
    }

    @Incoming("inbound")
    public Uni<Void> consume(String payload) {
        IncomingEvent event;
        InboundMessage message;
        try {
            event = IncomingEvent.parse(json, payload);
            if (event.tenant() == null || event.tenant().isBlank()) {
                return Uni.createFrom().failure(new IllegalArgumentException("event " + event.envelope().id() + " has no tenant"));
            }
            if (event.is(ChannelEvents.MESSAGE_RECEIVED)) {
                message = InboundMessages.of(event.data(json, ChannelEvents.MESSAGE_RECEIVED));
            } else if (event.is(ChannelEvents.CALL_RECEIVED)) {
                message = InboundMessages.of(event.data(json, ChannelEvents.CALL_RECEIVED));
            } else if (event.is(ChannelEvents.MESSAGE_EDITED)) {
                InboundEdit edit = InboundMessages.of(event.data(json, ChannelEvents.MESSAGE_EDITED));
                return updates.edited(event.tenant(), edit).replaceWithVoid();
            } else if (event.is(ChannelEvents.ATTACHMENT_STORED) || event.is(ChannelEvents.ATTACHMENT_FAILED)) {
                AttachmentReport report = event.data(json, event.is(ChannelEvents.ATTACHMENT_STORED) ? ChannelEvents.ATTACHMENT_STORED
                        : ChannelEvents.ATTACHMENT_FAILED);
                return attachments.reported(event.tenant(), report).replaceWithVoid();
            } else if (event.is(ChannelEvents.MESSAGE_REACTED)) {
                InboundReaction reaction = InboundMessages.of(event.data(json, ChannelEvents.MESSAGE_REACTED));
                return updates.reacted(event.tenant(), reaction).replaceWithVoid();
            } else {
                // only channel-gateway's customer messages travel here: anything else is a mistake to look at
                return Uni.createFrom().failure(new IllegalArgumentException("unexpected event type " + event.type()));
            }
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent with message data: " + e.getMessage(), e));
        }
        // a REST create naming the same new customer may commit first: the loser runs again and finds the customer
        return UniqueRaces.retry(() -> inbound.receive(event.tenant(), message))
                .invoke(outcome -> LOG.debugf("inbound %s -> ticket %s (new: %s, duplicate: %s)", message.providerMessageId(),
                        outcome.ticketId(), outcome.newTicket(), outcome.duplicate()))
                .replaceWithVoid();
    }

    /** A parked record of inbound replayed by an operator goes through the same processing (io.pharos.commons.deadletter). */
    @Produces
    @Identifier("inbound")
    ReplayHandler inboundReplay() {
        return record -> consume(record.payload());
    }
}
