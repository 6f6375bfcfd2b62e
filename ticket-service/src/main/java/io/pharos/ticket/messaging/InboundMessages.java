package io.pharos.ticket.messaging;

import java.util.List;

import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.domain.Channel;

/**
 * channel-gateway's inbound events as the one message {@link io.pharos.ticket.service.InboundService}
 * threads: a call is handled like any other customer message. Only what ticket-service keeps is
 * carried over (an attachment's name, type, size and link).
 */
final class InboundMessages {

    private InboundMessages() {
    }

    static InboundMessage of(MessageReceived m) {
        InboundMessage.Email email = m.email() == null ? null
                : new InboundMessage.Email(m.email().messageId(), m.email().inReplyTo(), m.email().references());
        return new InboundMessage(m.channelId(), channel(m.channel()), m.providerMessageId(), m.conversationKey(), identity(m.from()),
                m.subject(), m.text(), m.html(), email, m.receivedAt(), attachments(m.attachments()), m.language());
    }

    static InboundMessage of(CallReceived c) {
        return new InboundMessage(c.channelId(), channel(c.channel()), c.providerMessageId(), c.conversationKey(), identity(c.from()),
                c.subject(), c.text(), null, null, c.receivedAt(), attachments(c.attachments()), null);
    }

    private static Channel channel(io.pharos.contracts.Channel channel) {
        return channel == null ? null : Channel.valueOf(channel.name());
    }

    private static IdentityInput identity(Sender s) {
        return s == null ? null
                : new IdentityInput(s.name(), s.email(), s.phone(), s.whatsapp(), s.telegram(), s.messenger(), s.instagram(), s.chat(),
                        null, s.language());
    }

    private static List<InboundMessage.Attachment> attachments(List<Attachment> attachments) {
        return attachments == null ? null
                : attachments.stream().map(a -> new InboundMessage.Attachment(a.name(), a.contentType(), a.size(), a.url())).toList();
    }
}
