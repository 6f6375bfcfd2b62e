package io.pharos.contracts.channel;

import java.time.Instant;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.edited}: the customer changed a message they sent before (Telegram
 * {@code edited_message}, WhatsApp and Messenger edits). ticket-service replaces the message's text
 * and keeps the earlier one in its history; an edit of a message it never received is ignored.
 *
 * @param providerMessageId the provider's id of the message that was edited (not of the edit)
 * @param conversationKey as on the message; keys the event so that it follows the message it edits
 * @param editedAt when the provider says the edit was made
 */
public record MessageEdited(String channelId, Channel channel, String providerMessageId, @Nullable String conversationKey, Sender from,
        String text, Instant editedAt) {
}
