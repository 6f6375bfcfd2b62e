package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.pharos.ticket.domain.Channel;

/**
 * One customer message as ticket-service threads it, whatever the channel: what it keeps of
 * channel-gateway's {@code pharos.channel.message.received} and {@code pharos.channel.call.received}.
 * {@code conversationKey} names the conversation on channels without threads (chat session, phone
 * or social identity). A message may have no text when it carries attachments, a location, a
 * contact card or the button the customer pressed ({@code interactive}, its title).
 * {@code claimed}: the sender's email and phone are only what a chat or form visitor typed.
 * {@code sentAt} is the provider's time of sending; {@code interactiveReply} the whole button pressed;
 * {@code forwarded} a mail the customer forwarded below their note ({@code text}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(
        String channelId,
        Channel channel,
        String providerMessageId,
        String conversationKey,
        IdentityInput from,
        String subject,
        String text,
        String html,
        Email email,
        Instant receivedAt,
        List<InboundAttachment> attachments,
        String language,
        LocationDto location,
        ContactDto contact,
        String interactive,
        boolean claimed,
        Instant sentAt,
        InteractiveDto interactiveReply,
        ForwardedDto forwarded) {

    /** Something besides text an agent can see. */
    public boolean hasContent() {
        return (attachments != null && !attachments.isEmpty()) || location != null || contact != null
                || (interactive != null && !interactive.isBlank()) || forwarded != null;
    }

    /**
     * How an email threads and who else takes part: {@code to} the mailbox it was written to (ours),
     * {@code cc} whom the customer copied, {@code replyTo} where they ask answers to go.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Email(String messageId, String inReplyTo, List<String> references, String to, List<Mailbox> cc, List<Mailbox> replyTo) {

        public Email(String messageId, String inReplyTo, List<String> references) {
            this(messageId, inReplyTo, references, null, null, null);
        }
    }

    /** A mail address with its display name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mailbox(String name, String address) {
    }
}
