package io.pharos.contracts.channel;

import java.util.UUID;

/**
 * A file an agent sends with a {@link MessageRequested}: its bytes are in the attachment store under
 * the tenant's {@code sha256}; channel-gateway reads them from there and sends them as the channel
 * expects (MIME parts, a provider's media upload, a signed link for MMS).
 *
 * @param contentType detected from the content when it was uploaded
 */
public record OutboundAttachment(UUID id, String fileName, String contentType, long size, String sha256) {
}
