package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Visibility;

/**
 * One message of a ticket. {@code text} is empty when the customer sent only media, a location or a
 * contact card: {@code attachments} (empty when none), {@code location} and {@code contact} say what came.
 * {@code sentAt} is the provider's time (the customer sent it; an agent's reply was taken, SENT),
 * {@code receivedAt} Pharos's (as {@code createdAt}). {@code delivery} is null for customer messages and
 * internal notes; {@code revisions} (oldest first) are the texts a customer's edits replaced.
 */
public record MessageDto(UUID id, UUID ticketId, String externalId, AuthorKind author, String authorId,
        Visibility visibility, String text, String html, Channel channel, DeliveryStatus deliveryStatus,
        Instant createdAt, List<AttachmentDto> attachments, LocationDto location, ContactDto contact,
        Instant sentAt, Instant receivedAt, DeliveryDto delivery, Instant editedAt, List<RevisionDto> revisions,
        List<ReactionDto> reactions, InteractiveDto interactive, ForwardedDto forwarded) {
}
