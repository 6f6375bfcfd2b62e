package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.domain.DeliveryStatus;

@Name("TicketChange")
@Description("One change of a ticket, as it happened. Numbers are per tenant, gap-free and increasing: pass the last one "
        + "you received as `since` when you subscribe again to get everything you missed.")
public record TicketChangeNode(
        @NonNull @Description("Per-tenant sequence number of this change") long sequence,
        @NonNull @Description("What happened: the event type, e.g. pharos.ticket.created or pharos.ticket.message.added") String event,
        @Description("The ticket that changed") @Id @NonNull UUID ticketId,
        @NonNull Instant occurredAt,
        @Description("The ticket as it is now") TicketNode ticket,
        @Description("The message that changed, for a change of one message (pharos.ticket.message.delivery.changed, "
                + ".edited, .reacted)") @Id UUID messageId,
        @Description("The message's delivery status after a pharos.ticket.message.delivery.changed") DeliveryStatus deliveryStatus) {
}
