package io.pharos.ticket.api;

import java.time.Instant;

import io.pharos.ticket.domain.Channel;

/** A customer's edit of a message they sent: the message by its provider id, its new text, when the provider says it was edited. */
public record InboundEdit(String channelId, Channel channel, String providerMessageId, String text, Instant editedAt) {
}
