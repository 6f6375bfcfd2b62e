package io.pharos.contracts.channel;

import io.pharos.contracts.Nullable;

/**
 * A file that came with a customer's message. Kept ones ({@code stored}) are served by
 * channel-gateway at {@code url}; others point at the provider ({@code url}, {@code mediaId} for
 * WhatsApp, {@code fileId} for Telegram) or travel as metadata only.
 */
public record Attachment(String name, @Nullable String contentType, @Nullable Long size, @Nullable Boolean inline,
        @Nullable String contentId, @Nullable Boolean stored, @Nullable String id, @Nullable String url, @Nullable String mediaId,
        @Nullable String fileId) {

    /** An attachment the provider keeps: known by its link. */
    public static Attachment linked(String name, String contentType, String url) {
        return new Attachment(name, contentType, null, null, null, null, null, url, null, null);
    }
}
