package io.pharos.contracts.channel;

import java.time.Instant;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.delivered} and {@code pharos.channel.message.failed}: what became of
 * a {@link MessageRequested} on its channel: {@code SENT} when the provider (or the SMTP server) took
 * it, then {@code DELIVERED} and {@code READ} from the provider's status callbacks and watermarks,
 * or {@code FAILED} from our send, a status callback or a bounce (RFC 3464), at any point.
 * Receipts are never reported.
 *
 * @param providerMessageId the message's id at the provider; absent when it was never sent
 * @param emailMessageId the Message-ID an email went out with, for threading the customer's answer
 * @param at when the provider reported the status (status callbacks only)
 * @param reason why it failed, in words an agent understands; absent when it did not
 * @param code the provider's own code for a failure: a WhatsApp/Graph error code ({@code 131047}), a Twilio
 *        {@code ErrorCode} ({@code 30003}), an SMTP enhanced status ({@code 5.1.1}), a Telegram error code
 * @param recipient the address that failed, when the provider names it (a bounce's Final-Recipient)
 * @param text the text as it went out when the channel composed it (a WhatsApp template with its variables filled)
 */
public record DeliveryReport(UUID requestId, @Nullable UUID ticketId, Channel channel, DeliveryStatus status,
        @Nullable String providerMessageId, @Nullable String emailMessageId, @Nullable Instant at, @Nullable String reason,
        @Nullable String code, @Nullable String recipient, @Nullable String text) {

    /** As before {@code code}, {@code recipient} and {@code text} existed. */
    public DeliveryReport(UUID requestId, UUID ticketId, Channel channel, DeliveryStatus status, String providerMessageId,
            String emailMessageId, Instant at, String reason) {
        this(requestId, ticketId, channel, status, providerMessageId, emailMessageId, at, reason, null, null, null);
    }

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
