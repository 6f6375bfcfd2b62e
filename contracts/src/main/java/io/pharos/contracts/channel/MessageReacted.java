package io.pharos.contracts.channel;

import java.time.Instant;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.reacted}: the customer reacted to a message with an emoji, or took
 * their reaction back. The message may be theirs or an agent's reply (known by the id the provider
 * gave it when it was sent). One reaction per customer and message: a new one replaces the old.
 *
 * @param providerMessageId the provider's id of the message reacted to
 * @param emoji the reaction; absent when the customer removed it
 * @param at when the provider says it happened
 */
public record MessageReacted(String channelId, Channel channel, String providerMessageId, @Nullable String conversationKey, Sender from,
        @Nullable String emoji, Instant at) {
}
