package io.pharos.contracts.channel;

import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.attachment.stored} and {@code pharos.channel.attachment.failed}: what became
 * of a {@code PENDING} attachment of a {@link MessageReceived} once channel-gateway fetched it from
 * the provider. Keyed like the message, so it follows it; a consumer that sees it first keeps the
 * outcome and lets the later message not undo it.
 *
 * @param attachmentId the {@link Attachment#id()} of the message's attachment
 * @param providerMessageId the message it came with
 * @param sha256 the content's SHA-256 (hex), its address in the tenant's store; absent when it failed
 * @param size the stored content's size in bytes; absent when it failed
 * @param contentType detected from the content (Apache Tika), never the provider's word; absent when it failed
 * @param reason why it could not be fetched or kept, in words an agent understands; absent when stored
 * @param scan what the virus scanner said of it; absent when it failed
 */
public record AttachmentReport(UUID attachmentId, String channelId, Channel channel, String providerMessageId,
        Attachment.AttachmentStatus status, @Nullable String sha256, @Nullable Long size, @Nullable String contentType,
        @Nullable String reason, @Nullable VirusScan scan) {
}
