package io.pharos.channel.service.email;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.model.ChannelAccount;
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
 * event (through {@link InboundMessages}: one event per Message-ID). Auto-replies and bounces are
 * dropped here: they must never open a ticket or answer an answer.
 */
@ApplicationScoped
public class InboundEmails {

    private static final Logger LOG = Logger.getLogger(InboundEmails.class);

    public enum Outcome {
        ACCEPTED, DUPLICATE, IGNORED_AUTO_REPLY, IGNORED_BOUNCE
    }

    public record Result(Outcome outcome, String providerMessageId, String eventId) {
    }

    private final InboundMessages inbound;
    private final Attachments attachments;

    public InboundEmails(InboundMessages inbound, Attachments attachments) {
        this.inbound = inbound;
        this.attachments = attachments;
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
        if (mail.kind() != Kind.MESSAGE) {
            LOG.infof("channel %s: %s %s dropped", channel.id(), mail.kind() == Kind.BOUNCE ? "bounce" : "auto-reply", providerMessageId);
            return Uni.createFrom().item(new Result(mail.kind() == Kind.BOUNCE ? Outcome.IGNORED_BOUNCE : Outcome.IGNORED_AUTO_REPLY,
                    providerMessageId, null));
        }
        if (mail.fromAddress() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("no-sender", "The message has no From address."));
        }
        return attachments.keep(channel, providerMessageId, mail.attachments())
                .flatMap(described -> inbound.accept(channel, new Inbound<>(providerMessageId, ChannelEvents.MESSAGE_RECEIVED,
                        "email:" + mail.fromAddress(), data(channel, mail, providerMessageId, described))))
                .map(r -> new Result(r.outcome() == InboundMessages.Outcome.ACCEPTED
                        ? Outcome.ACCEPTED : Outcome.DUPLICATE, providerMessageId, r.eventId()));
    }

    static MessageReceived data(ChannelAccount channel, ParsedEmail mail, String providerMessageId, List<Attachment> attachments) {
        String text = mail.text().isEmpty() && mail.quotedText() != null ? mail.quotedText() : mail.text();
        if (text.isBlank() && (mail.html() == null || mail.html().isBlank()) && (attachments == null || attachments.isEmpty())) {
            // a mail with nothing but a subject (or not even that) is still a customer writing: ticket-service takes in no
            // message without content, so the subject stands in for the body
            text = mail.subject() != null && !mail.subject().isBlank() ? mail.subject() : "(empty message)";
        }
        return new MessageReceived(channel.id(), Channel.EMAIL, providerMessageId, null, Sender.email(mail.fromName(), mail.fromAddress()),
                channel.address(), mail.subject(), text, mail.quotedText(), mail.html(),
                new MessageReceived.EmailHeaders(mail.messageId(), mail.inReplyTo(), mail.references()),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), mail.sentAt(), attachments, null, null, null, null, null);
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
