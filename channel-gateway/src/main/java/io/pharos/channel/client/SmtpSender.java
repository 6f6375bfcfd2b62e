package io.pharos.channel.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Sends one email through the configured SMTP server (Quarkus Mailer), with our own Message-ID
 * and the threading headers so that the customer's client shows one conversation; retried with
 * exponential backoff, timed out, and behind a circuit breaker while the server is down. Files go
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

    private final ReactiveMailer mailer;

    public SmtpSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Retry(maxRetries = 3, delay = 500, jitter = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<Void> send(Email email) {
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
        return mailer.send(mail);
    }
}
