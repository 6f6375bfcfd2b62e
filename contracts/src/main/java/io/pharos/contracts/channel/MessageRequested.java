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
 * @param channelId the channel account to send from (the mailbox, number, page or bot the customer wrote to, or
 *        the one the agent chose); absent: the tenant's first enabled channel of the type
 * @param cc email: further recipients, visible to all (the ticket's participants)
 * @param bcc email: recipients the others do not see
 * @param template WhatsApp: send this approved message template instead of {@code text} (the only way to
 *        write first, or after the 24-hour customer-service window)
 * @param messageTag Messenger and Instagram: the message tag the send is made under ({@code HUMAN_AGENT}:
 *        an agent's answer up to seven days after the customer last wrote)
 * @param attachments files sent with it, in the attachment store; absent or empty when none
 */
public record MessageRequested(UUID requestId, @Nullable UUID ticketId, @Nullable Long ticketNumber, @Nullable UUID messageId,
        Channel channel, Recipient recipient, String subject, String text, @Nullable String html, @Nullable String inReplyTo,
        List<String> references, @Nullable String language, @Nullable Boolean acknowledgement, @Nullable String channelId,
        @Nullable List<String> cc, @Nullable List<String> bcc, @Nullable Template template, @Nullable String messageTag,
        @Nullable List<OutboundAttachment> attachments) {

    /** As before attachments existed. */
    public MessageRequested(UUID requestId, UUID ticketId, Long ticketNumber, UUID messageId, Channel channel, Recipient recipient,
            String subject, String text, String html, String inReplyTo, List<String> references, String language,
            Boolean acknowledgement, String channelId, List<String> cc, List<String> bcc, Template template, String messageTag) {
        this(requestId, ticketId, ticketNumber, messageId, channel, recipient, subject, text, html, inReplyTo, references, language,
                acknowledgement, channelId, cc, bcc, template, messageTag, null);
    }

    /** As before the sending account, copies, templates and tags existed. */
    public MessageRequested(UUID requestId, UUID ticketId, Long ticketNumber, UUID messageId, Channel channel, Recipient recipient,
            String subject, String text, String html, String inReplyTo, List<String> references, String language,
            Boolean acknowledgement) {
        this(requestId, ticketId, ticketNumber, messageId, channel, recipient, subject, text, html, inReplyTo, references, language,
                acknowledgement, null, null, null, null, null, null);
    }

    /**
     * A WhatsApp message template by name and language, with the values of its variables in order.
     *
     * @param language the template's language code as approved ({@code el}, {@code en_US})
     * @param bodyParameters the body's {@code {{1}}}, {@code {{2}}} … in order
     * @param buttonParameters the dynamic suffix of each URL button, in button order; empty when none
     */
    public record Template(String name, String language, List<String> bodyParameters, @Nullable List<String> buttonParameters) {
    }

    /** The same request sent from another channel account. */
    public MessageRequested from(String channelId) {
        return new MessageRequested(requestId, ticketId, ticketNumber, messageId, channel, recipient, subject, text, html, inReplyTo,
                references, language, acknowledgement, channelId, cc, bcc, template, messageTag, attachments);
    }

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
