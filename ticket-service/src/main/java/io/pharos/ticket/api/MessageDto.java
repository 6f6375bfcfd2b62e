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
 * {@code channelId} is the channel account it came in on or left from; {@code cc} an inbound email's Cc or
 * whom an agent's email reply was copied to, {@code bcc} whom it was blind-copied to (agent replies only);
 * {@code template} the WhatsApp template an agent's reply was sent as.
 * {@code sentAt} is the provider's time (the customer sent it; an agent's reply was taken, SENT),
 * {@code receivedAt} Pharos's (as {@code createdAt}). {@code delivery} is null for customer messages and
 * internal notes; {@code revisions} (oldest first) are the texts a customer's edits replaced.
 */
public record MessageDto(UUID id, UUID ticketId, String externalId, AuthorKind author, String authorId,
        Visibility visibility, String text, String html, Channel channel, DeliveryStatus deliveryStatus,
        Instant createdAt, List<AttachmentDto> attachments, LocationDto location, ContactDto contact, String channelId,
        List<String> cc, List<String> bcc, TemplateUse template,
        Instant sentAt, Instant receivedAt, DeliveryDto delivery, Instant editedAt, List<RevisionDto> revisions,
        List<ReactionDto> reactions, InteractiveDto interactive, ForwardedDto forwarded) {

    /** The same message with its HTML as read (see {@code MessageHtml}). */
    public MessageDto withHtml(String readable) {
        return new MessageDto(id, ticketId, externalId, author, authorId, visibility, text, readable, channel, deliveryStatus, createdAt,
                attachments, location, contact, channelId, cc, bcc, template, sentAt, receivedAt, delivery, editedAt, revisions, reactions,
                interactive, forwarded);
    }
}
