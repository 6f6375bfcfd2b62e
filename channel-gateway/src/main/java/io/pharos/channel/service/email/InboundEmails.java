package io.pharos.channel.service.email;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.email.EmailParser.Kind;
import io.pharos.channel.service.email.EmailParser.ParsedEmail;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.inbound.InboundMessages;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.smallrye.mutiny.Uni;

/**
 * One inbound email, from the webhook or the IMAP poller, to a {@code pharos.channel.message.received}
 * event (through {@link InboundMessages}: one event per Message-ID), with the Cc and Reply-To
 * mailboxes other than the tenant's own. Auto-replies and bounces never become a message: they
 * must never open a ticket or answer an answer. A bounce of one of our replies is recorded as that
 * reply's failure ({@link Bounces}); other bounces and auto-replies are dropped.
 */
@ApplicationScoped
public class InboundEmails {

    private static final Logger LOG = Logger.getLogger(InboundEmails.class);

    public enum Outcome {
        ACCEPTED, DUPLICATE, IGNORED_AUTO_REPLY, IGNORED_BOUNCE, BOUNCE_RECORDED
    }

    public record Result(Outcome outcome, String providerMessageId, String eventId) {
    }

    private final InboundMessages inbound;
    private final Attachments attachments;
    private final Bounces bounces;
    private final Channels channels;

    public InboundEmails(InboundMessages inbound, Attachments attachments, Bounces bounces, Channels channels) {
        this.inbound = inbound;
        this.attachments = attachments;
        this.bounces = bounces;
        this.channels = channels;
    }

    public Uni<Result> accept(ChannelAccount channel, byte[] raw) {
        ParsedEmail mail;
        try {
            mail = EmailParser.parse(raw);
        } catch (Exception e) {
            return Uni.createFrom().failure(ProblemException.badRequest("malformed-mime", "The body is not a readable RFC 822 message: "
                    + e.getMessage()));
        }
        String providerMessageId = mail.messageId() != null ? mail.messageId() : "sha256:" + sha256(raw);
        if (mail.kind() == Kind.BOUNCE) {
            return bounces.record(channel, providerMessageId, mail).map(outcome -> new Result(switch (outcome) {
                case RECORDED -> Outcome.BOUNCE_RECORDED;
                case DUPLICATE -> Outcome.DUPLICATE;
                case IGNORED -> Outcome.IGNORED_BOUNCE;
            }, providerMessageId, null));
        }
        if (mail.kind() == Kind.AUTO_REPLY) {
            LOG.infof("channel %s: auto-reply %s dropped", channel.id(), providerMessageId);
            return Uni.createFrom().item(new Result(Outcome.IGNORED_AUTO_REPLY, providerMessageId, null));
        }
        if (mail.fromAddress() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("no-sender", "The message has no From address."));
        }
        return ownAddresses(channel).flatMap(own -> attachments.keep(channel, providerMessageId, mail.attachments())
                .flatMap(described -> inbound.accept(channel, new Inbound<>(providerMessageId, ChannelEvents.MESSAGE_RECEIVED,
                        "email:" + mail.fromAddress(), data(channel, mail, providerMessageId, described, own)))))
                .map(r -> new Result(r.outcome() == InboundMessages.Outcome.ACCEPTED
                        ? Outcome.ACCEPTED : Outcome.DUPLICATE, providerMessageId, r.eventId()));
    }

    /**
     * The tenant's own mailboxes (every email channel's address and IMAP user): a customer who writes to
     * two of them, or copies one, has no colleague there to keep in the conversation.
     */
    private Uni<Set<String>> ownAddresses(ChannelAccount channel) {
        return channels.enabled(channel.tenant(), ChannelType.EMAIL).map(list -> Stream.concat(Stream.of(channel), list.stream())
                .flatMap(c -> Stream.of(c.address(), c.settings().get("imapUser")))
                .filter(a -> a != null && a.contains("@")).map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    static MessageReceived data(ChannelAccount channel, ParsedEmail mail, String providerMessageId, List<Attachment> attachments,
            Set<String> ownAddresses) {
        // a forward's note may be empty: the forwarded message is the content then
        String text = mail.text().isEmpty() && mail.quotedText() != null ? mail.quotedText() : mail.text();
        if (mail.forwarded() == null && text.isBlank() && (mail.html() == null || mail.html().isBlank())
                && (attachments == null || attachments.isEmpty())) {
            // a mail with nothing but a subject (or not even that) is still a customer writing: ticket-service takes in no
            // message without content, so the subject stands in for the body
            text = mail.subject() != null && !mail.subject().isBlank() ? mail.subject() : "(empty message)";
        }
        return new MessageReceived(channel.id(), Channel.EMAIL, providerMessageId, null, Sender.email(mail.fromName(), mail.fromAddress()),
                channel.address(), mail.subject(), text, mail.quotedText(), mail.html(),
                new MessageReceived.EmailHeaders(mail.messageId(), mail.inReplyTo(), mail.references(), others(mail.cc(), ownAddresses),
                        others(mail.replyTo(), ownAddresses)),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), mail.sentAt(), attachments, null, null, null, null, null, null,
                mail.forwarded());
    }

    private static List<MessageReceived.Mailbox> others(List<MessageReceived.Mailbox> mailboxes, Set<String> ownAddresses) {
        return mailboxes.stream().filter(m -> !ownAddresses.contains(m.address())).toList();
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
