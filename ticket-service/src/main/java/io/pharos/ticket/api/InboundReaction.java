package io.pharos.ticket.api;

import java.time.Instant;

import io.pharos.ticket.domain.Channel;

/** A customer's reaction to a message (theirs or an agent's reply) by its provider id; {@code emoji} null takes it back. */
public record InboundReaction(String channelId, Channel channel, String providerMessageId, String emoji, Instant at) {
}
