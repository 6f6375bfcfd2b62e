package io.pharos.channel.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.service.EmailParser.Kind;
import io.pharos.channel.service.EmailParser.ParsedEmail;
import io.pharos.commons.rest.ProblemException;
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

    public Uni<Result> accept(Channels.Channel channel, byte[] raw) {
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
        return attachments.keep(channel, providerMessageId, mail.attachments()).flatMap(described -> {
            Map<String, Object> data = data(channel, mail, providerMessageId);
            data.put("attachments", described);
            return inbound.accept(channel, providerMessageId, "pharos.channel.message.received", "email:" + mail.fromAddress(), data);
        }).map(r -> new Result(r.outcome() == InboundMessages.Outcome.ACCEPTED
                        ? Outcome.ACCEPTED : Outcome.DUPLICATE, providerMessageId, r.eventId()));
    }

    static Map<String, Object> data(Channels.Channel channel, ParsedEmail mail, String providerMessageId) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("name", mail.fromName());
        from.put("email", mail.fromAddress());
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("messageId", mail.messageId());
        email.put("inReplyTo", mail.inReplyTo());
        email.put("references", mail.references());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", channel.id());
        data.put("channel", "email");
        data.put("providerMessageId", providerMessageId);
        data.put("from", from);
        data.put("to", channel.address());
        data.put("subject", mail.subject());
        data.put("text", mail.text().isEmpty() && mail.quotedText() != null ? mail.quotedText() : mail.text());
        data.put("quotedText", mail.quotedText());
        data.put("html", mail.html());
        data.put("email", email);
        data.put("receivedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        data.put("sentAt", mail.sentAt());
        data.put("attachments", mail.attachments().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("contentType", a.contentType());
            m.put("size", a.size());
            m.put("inline", a.inline());
            m.put("contentId", a.contentId());
            return m;
        }).toList());
        return data;
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
