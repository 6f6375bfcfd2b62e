package io.pharos.channel.domain;

import java.util.UUID;

/** A live chat session: the visitor as they introduced themselves; offline when no agent was online as it started. */
public record ChatSession(UUID id, String tenant, String channelId, String name, String email, String language, boolean offline) {
}
