package io.pharos.contracts.channel;

import io.pharos.contracts.Nullable;

/**
 * A file that came with a customer's message. Kept ones ({@code stored}) are served by
 * channel-gateway at {@code url}; others point at the provider ({@code url}, {@code mediaId} for
 * WhatsApp, {@code fileId} for Telegram) or travel as metadata only.
 *
 * @param kind what the customer sent, as the provider says: {@code image}, {@code audio},
 *        {@code voice}, {@code video}, {@code document}, {@code sticker}, {@code file}; absent for
 *        email parts (their {@code contentType} says it)
 */
public record Attachment(String name, @Nullable String contentType, @Nullable Long size, @Nullable Boolean inline,
        @Nullable String contentId, @Nullable Boolean stored, @Nullable String id, @Nullable String url, @Nullable String mediaId,
        @Nullable String fileId, @Nullable String kind) {

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
}
