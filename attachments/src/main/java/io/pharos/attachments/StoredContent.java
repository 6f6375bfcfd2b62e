package io.pharos.attachments;

/**
 * What the store holds at one address.
 *
 * @param sha256 lower-case hex, the content's address within the tenant
 * @param contentType detected from the bytes (and the file name's extension where the bytes do not say),
 *        never the sender's word
 */
public record StoredContent(String tenant, String sha256, long size, String contentType) {
}
