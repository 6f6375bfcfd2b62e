package io.pharos.ticket.api;

import java.util.UUID;

import io.pharos.contracts.channel.Attachment.AttachmentStatus;

/**
 * A file of a customer's inbound message as ticket-service keeps it (from channel-gateway's
 * {@code Attachment}). Events from before the attachment store carry no {@code id} nor {@code status}.
 *
 * @param url the provider's link or, when {@code legacyStored}, channel-gateway's download path
 * @param reference the provider's id of the file (WhatsApp media id, Telegram file id)
 * @param legacyStored true when an event from before the store said channel-gateway kept the bytes
 */
public record InboundAttachment(UUID id, String fileName, String declaredType, Long size, Boolean inline, String contentId, String kind,
        String url, String reference, AttachmentStatus status, String sha256, String reason, String scanVerdict, String scanSignature,
        Boolean legacyStored) {
}
