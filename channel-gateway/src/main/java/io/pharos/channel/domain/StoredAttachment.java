package io.pharos.channel.domain;

import java.util.UUID;

/** A file a customer sent, as kept for agents to download. */
public record StoredAttachment(UUID id, String tenant, String name, String contentType, long size, byte[] content) {
}
