package io.pharos.ticket.service.ticket;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Message;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Puts a change of one message (its delivery, an edit, a reaction, a file stored) on the live inbox's feed, in the
 * caller's transaction. These changes have no Kafka event of their own, so they are written to
 * {@code ticket_change} directly rather than through the outbox trigger; the feed numbers them
 * like every other change.
 */
@ApplicationScoped
public class MessageChanges {

    public static final String DELIVERY = "pharos.ticket.message.delivery.changed";
    public static final String EDITED = "pharos.ticket.message.edited";
    public static final String REACTED = "pharos.ticket.message.reacted";
    /** A file of the message was stored or could not be (channel-gateway's report). */
    public static final String ATTACHMENT = "pharos.ticket.message.attachment.changed";

    public Uni<Void> record(Message m, String type, DeliveryStatus delivery, Instant at) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("INSERT INTO ticket_change (tenant, ticket_id, type, occurred_at,"
                + " message_id, delivery_status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, m.tenant).setParameter(2, m.ticketId).setParameter(3, type)
                .setParameter(4, at.atOffset(ZoneOffset.UTC)).setParameter(5, m.id)
                .setParameter(6, delivery == null ? null : delivery.name())
                .executeUpdate())
                .replaceWithVoid();
    }
}
