package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * A message of a ticket's conversation, without its body.
 *
 * @param authorId the agent's user id or the customer id; null for system messages and imported agents
 * @param firstPublicAgentReply true for the reply that defines first response time
 * @param providerMessageId the channel provider's id of an inbound message
 */
public record MessageSnapshot(UUID id, AuthorKind authorKind, @Nullable String authorId, Visibility visibility, Channel channel,
        Instant createdAt, boolean firstPublicAgentReply, @Nullable String providerMessageId) {
}
