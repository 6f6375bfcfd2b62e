package io.pharos.contracts.channel;

import java.time.Instant;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.delivered} and {@code pharos.channel.message.failed}: what became of
 * a {@link MessageRequested} on its channel, from our own send or, later, from the provider's
 * status callback (which may move it on to {@code read}). Receipts are never reported.
 *
 * @param providerMessageId the message's id at the provider; absent when it was never sent
 * @param emailMessageId the Message-ID an email went out with, for threading the customer's answer
 * @param at when the provider reported the status (status callbacks only)
 * @param reason why it failed; absent when it did not
 */
public record DeliveryReport(UUID requestId, @Nullable UUID ticketId, Channel channel, DeliveryStatus status,
        @Nullable String providerMessageId, @Nullable String emailMessageId, @Nullable Instant at, @Nullable String reason) {

    public enum DeliveryStatus {
        SENT, DELIVERED, READ, FAILED;

        /** A provider's status word, or null when it is none of ours. */
        public static DeliveryStatus of(String word) {
            for (DeliveryStatus s : values()) {
                if (s.name().equalsIgnoreCase(word)) {
                    return s;
                }
            }
            return null;
        }
    }
}
