package io.pharos.channel.client;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.pharos.channel.model.ChannelAccount;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Sends one email through the configured SMTP server (Quarkus Mailer), with our own Message-ID
 * and the threading headers so that the customer's client shows one conversation; retried with
 * exponential backoff, timed out (30 s), and behind the sending channel's circuit breaker ({@link ChannelBreakers})
 * while its mail keeps failing. Files go
 * as attachment parts of a multipart/mixed mail ({@link MimeFileNames}).
 */
@ApplicationScoped
public class SmtpSender {

    /**
     * What to send; {@code messageId} without angle brackets. {@code cc} go in the Cc header; {@code bcc} are
     * envelope recipients only (RCPT TO), never in a header, so the other recipients do not see them.
     */
    public record Email(String from, String to, String subject, String text, String html, String messageId, String inReplyTo,
            List<String> references, List<String> cc, List<String> bcc, boolean autoReply, List<OutgoingFile> files) {

        /** Without files. */
        public Email(String from, String to, String subject, String text, String html, String messageId, String inReplyTo,
                List<String> references, List<String> cc, List<String> bcc, boolean autoReply) {
            this(from, to, subject, text, html, messageId, inReplyTo, references, cc, bcc, autoReply, List.of());
        }
    }

    /** How long the SMTP server may take to take a mail. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMailer mailer;
    private final ChannelBreakers breakers;

    public SmtpSender(ReactiveMailer mailer, ChannelBreakers breakers) {
        this.mailer = mailer;
        this.breakers = breakers;
    }

    /** {@code email} from the mailbox of {@code channel}, the email channel whose breaker it goes through. */
    @Retry(maxRetries = 3, delay = 500, jitter = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> send(ChannelAccount channel, Email email) {
        Mail mail = new Mail().addTo(email.to()).setFrom(email.from()).setSubject(email.subject());
        mail.setText(email.text());
        // Vert.x mail puts Bcc addresses in the envelope only; Cc is a header every recipient sees
        (email.cc() == null ? List.<String>of() : email.cc()).forEach(mail::addCc);
        (email.bcc() == null ? List.<String>of() : email.bcc()).forEach(mail::addBcc);
        if (email.html() != null) {
            mail.setHtml(email.html());
        }
        mail.addHeader("Message-ID", "<" + email.messageId() + ">");
        if (email.inReplyTo() != null) {
            mail.addHeader("In-Reply-To", "<" + email.inReplyTo() + ">");
        }
        if (email.references() != null && !email.references().isEmpty()) {
            mail.addHeader("References", String.join(" ", email.references().stream().map(r -> "<" + r + ">").toList()));
        }
        (email.files() == null ? List.<OutgoingFile>of() : email.files()).forEach(file -> MimeFileNames.attach(mail, file));
        if (email.autoReply()) {
            mail.addHeader("Auto-Submitted", "auto-replied"); // RFC 3834: no auto-responder answers it, no loop
        }
        return breakers.smtp(channel, TIMEOUT, () -> mailer.send(mail));
    }
}
