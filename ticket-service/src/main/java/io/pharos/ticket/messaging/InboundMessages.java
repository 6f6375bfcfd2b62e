package io.pharos.ticket.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.pharos.ticket.api.ContactDto;
import io.pharos.ticket.api.ForwardedDto;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.InboundAttachment;
import io.pharos.ticket.api.InboundEdit;
import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.api.InboundReaction;
import io.pharos.ticket.api.InteractiveDto;
import io.pharos.ticket.api.LocationDto;
import io.pharos.ticket.domain.Channel;

/**
 * channel-gateway's inbound events as the one message {@link io.pharos.ticket.service.InboundService}
 * threads: a call is handled like any other customer message. Only what ticket-service keeps is
 * carried over (an attachment's kind, name, type, size, link or provider id; a shared location or
 * contact card; the button pressed; a forwarded mail); edits and reactions name their message by its provider id.
 */
final class InboundMessages {

    private InboundMessages() {
    }

    static InboundMessage of(MessageReceived m) {
        InboundMessage.Email email = m.email() == null ? null
                : new InboundMessage.Email(m.email().messageId(), m.email().inReplyTo(), m.email().references(), m.to(),
                        mailboxes(m.email().cc()), mailboxes(m.email().replyTo()));
        MessageReceived.Location l = m.location();
        MessageReceived.Contact c = m.contact();
        return new InboundMessage(m.channelId(), channel(m.channel()), m.providerMessageId(), m.conversationKey(), identity(m.from()),
                m.subject(), m.text(), m.html(), email, m.receivedAt(), attachments(m.attachments(), m.channelId(), m.providerMessageId()), m.language(),
                l == null ? null : new LocationDto(l.latitude(), l.longitude(), l.name(), l.address()),
                c == null ? null : new ContactDto(c.name(), c.phones(), c.emails(), c.organization()),
                m.interactive() == null ? null : m.interactive().title() != null && !m.interactive().title().isBlank()
                        ? m.interactive().title() : m.interactive().id(),
                m.from() != null && m.from().addressesClaimed(), m.sentAt(), interactive(m.interactive()), forwarded(m.forwarded()));
    }

    static InboundEdit of(MessageEdited e) {
        return new InboundEdit(e.channelId(), channel(e.channel()), e.providerMessageId(), e.text(), e.editedAt());
    }

    static InboundReaction of(MessageReacted r) {
        return new InboundReaction(r.channelId(), channel(r.channel()), r.providerMessageId(), r.emoji(), r.at());
    }

    private static InteractiveDto interactive(MessageReceived.Interactive i) {
        return i == null ? null : new InteractiveDto(i.type(), i.id(), i.title(), i.payload());
    }

    private static ForwardedDto forwarded(MessageReceived.Forwarded f) {
        return f == null ? null
                : new ForwardedDto(f.from() == null ? null : f.from().name(), f.from() == null ? null : f.from().address(), f.date(),
                        f.subject(), f.text());
    }

    static InboundMessage of(CallReceived c) {
        return new InboundMessage(c.channelId(), channel(c.channel()), c.providerMessageId(), c.conversationKey(), identity(c.from()),
                c.subject(), c.text(), null, null, c.receivedAt(), attachments(c.attachments(), c.channelId(), c.providerMessageId()), null, null, null, null,
                c.from() != null && c.from().addressesClaimed(), null, null, null);
    }

    private static Channel channel(io.pharos.contracts.Channel channel) {
        return channel == null ? null : Channel.valueOf(channel.name());
    }

    private static IdentityInput identity(Sender s) {
        return s == null ? null
                : new IdentityInput(s.name(), s.email(), s.phone(), s.whatsapp(), s.telegram(), s.messenger(), s.instagram(), s.chat(),
                        null, s.language());
    }

    private static List<InboundMessage.Mailbox> mailboxes(List<MessageReceived.Mailbox> mailboxes) {
        return mailboxes == null ? null : mailboxes.stream().filter(java.util.Objects::nonNull)
                .map(b -> new InboundMessage.Mailbox(b.name(), b.address())).toList();
    }

    /**
     * Each file's metadata, its state in the attachment store and the provider's reference to it (its
     * bytes are not fetched here). Events from before the store name no id: it is derived as
     * channel-gateway derives it now, so a late report still finds the row.
     */
    private static List<InboundAttachment> attachments(List<Attachment> attachments, String channelId, String providerMessageId) {
        if (attachments == null) {
            return null;
        }
        List<InboundAttachment> files = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            UUID id = a.id() != null ? UUID.fromString(a.id())
                    : Attachment.idOf(String.valueOf(channelId), String.valueOf(providerMessageId), i);
            files.add(new InboundAttachment(id, a.name(), a.contentType(), a.size(), a.inline(), a.contentId(), a.kind(), a.url(),
                    a.mediaId() != null ? a.mediaId() : a.fileId(), a.status(), a.sha256(), a.reason(),
                    a.scan() == null ? null : a.scan().verdict().name(), a.scan() == null ? null : a.scan().signature(), a.stored()));
        }
        return files;
    }
}
