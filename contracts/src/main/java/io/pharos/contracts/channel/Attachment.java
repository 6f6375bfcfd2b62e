package io.pharos.contracts.channel;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.pharos.contracts.Nullable;

/**
 * A file that came with a customer's message. Its bytes never travel in events: they are kept in
 * the attachment store under the tenant's content address ({@code sha256}). channel-gateway keeps
 * email parts at once ({@code status} {@code STORED}); media a messaging provider holds is fetched
 * afterwards ({@code PENDING}, then a {@link AttachmentReport} says {@code STORED} or {@code FAILED}).
 *
 * @param id the attachment's id, derived from the channel, the provider's message id and the position
 *        ({@link #idOf}): a provider's retry names the same attachment
 * @param contentType as the sender declared it; the stored content's type is detected from the bytes
 * @param kind what the customer sent, as the provider says: {@code image}, {@code audio},
 *        {@code voice}, {@code video}, {@code document}, {@code sticker}, {@code file}; absent for
 *        email parts (their {@code contentType} says it)
 * @param stored legacy: true when {@code url} served the bytes from channel-gateway
 * @param url the provider's link (Messenger, Instagram, Twilio) or, for attachments kept before the
 *        store existed, channel-gateway's download path
 * @param mediaId WhatsApp's media id; {@code fileId}: Telegram's file id
 * @param status {@code PENDING}, {@code STORED} or {@code FAILED}; absent on events from before the store
 * @param sha256 the content's SHA-256 (hex) once stored
 * @param reason why it could not be kept, when {@code FAILED}
 * @param scan what the virus scanner said, once stored
 */
public record Attachment(String name, @Nullable String contentType, @Nullable Long size, @Nullable Boolean inline,
        @Nullable String contentId, @Nullable Boolean stored, @Nullable String id, @Nullable String url, @Nullable String mediaId,
        @Nullable String fileId, @Nullable String kind, @Nullable AttachmentStatus status, @Nullable String sha256,
        @Nullable String reason, @Nullable VirusScan scan) {

    /** As before the attachment store existed. */
    public Attachment(String name, String contentType, Long size, Boolean inline, String contentId, Boolean stored, String id, String url,
            String mediaId, String fileId, String kind) {
        this(name, contentType, size, inline, contentId, stored, id, url, mediaId, fileId, kind, null, null, null, null);
    }

    /** As before {@code kind} existed (email parts, stored files). */
    public Attachment(String name, String contentType, Long size, Boolean inline, String contentId, Boolean stored, String id, String url,
            String mediaId, String fileId) {
        this(name, contentType, size, inline, contentId, stored, id, url, mediaId, fileId, null);
    }

    /** An attachment the provider keeps: known by its link. */
    public static Attachment linked(String name, String contentType, String url) {
        return new Attachment(name, contentType, null, null, null, null, null, url, null, null, null);
    }

    /** Media a messaging provider keeps, known by its kind and the provider's reference (a link, a media id or a file id). */
    public static Attachment media(String kind, String name, String contentType, Long size, String url, String mediaId, String fileId) {
        return new Attachment(name, contentType, size, null, null, null, null, url, mediaId, fileId, kind);
    }

    /** The same attachment with its id and state in the store. */
    public Attachment kept(UUID attachmentId, AttachmentStatus newStatus, String contentSha256, Long contentSize, String why,
            VirusScan verdict) {
        return new Attachment(name, contentType, contentSize == null ? size : contentSize, inline, contentId, stored,
                attachmentId.toString(), url, mediaId, fileId, kind, newStatus, contentSha256, why, verdict);
    }

    /** The id of the attachment at {@code position} (from 0) of a provider's message on a channel: the same on every retry. */
    public static UUID idOf(String channelId, String providerMessageId, int position) {
        return UUID.nameUUIDFromBytes((channelId + "|" + providerMessageId + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** Where an attachment's bytes are. */
    public enum AttachmentStatus {
        /** Still at the provider; channel-gateway is fetching it. */
        PENDING,
        /** In the attachment store under the tenant's {@code sha256}. */
        STORED,
        /** Could not be kept: the provider refused it, its link expired, it exceeds the limits. */
        FAILED
    }
}
