package io.pharos.contracts.channel;

import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.requested}: deliver this message to a customer (or, for digests, a
 * supervisor) on a channel. channel-gateway delivers at most once per {@code requestId}.
 *
 * @param ticketId null for messages about no ticket (digests, relationship surveys)
 * @param acknowledgement an automatic receipt: sent marked as auto-reply, never reported back
 * @param inReplyTo RFC 5322 Message-ID the reply answers (email threading)
 * @param references RFC 5322 References of the thread, oldest first; empty when none
 */
public record MessageRequested(UUID requestId, @Nullable UUID ticketId, @Nullable Long ticketNumber, @Nullable UUID messageId,
        Channel channel, Recipient recipient, String subject, String text, @Nullable String html, @Nullable String inReplyTo,
        List<String> references, @Nullable String language, @Nullable Boolean acknowledgement) {

    /**
     * Where to deliver: the customer and their address on the channel (only the one that applies is set).
     *
     * @param name how to address them (analytics' digests name the supervisor)
     */
    public record Recipient(@Nullable UUID customerId, @Nullable String email, @Nullable String phone, @Nullable String whatsapp,
            @Nullable String telegram, @Nullable String messenger, @Nullable String instagram, @Nullable String chat,
            @Nullable String name) {

        public Recipient(UUID customerId, String email, String phone, String whatsapp, String telegram, String messenger, String instagram,
                String chat) {
            this(customerId, email, phone, whatsapp, telegram, messenger, instagram, chat, null);
        }
    }
}
