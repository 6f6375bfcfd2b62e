package io.pharos.ticket.service.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.ticket.domain.CustomerIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Asks channel-gateway (like any outbound message, through the outbox) to mail a verification link
 * to an email address a chat or form visitor typed. The mail goes to the claimed address only, so
 * opening the link proves the visitor reads that mailbox.
 */
@ApplicationScoped
public class VerificationMails {

    private final OutboxWriter outbox;
    private final VerificationTokens tokens;
    private final String publicUrl;
    private final Duration ttl;

    public VerificationMails(OutboxWriter outbox, VerificationTokens tokens,
            @ConfigProperty(name = "pharos.identity.public-url") String publicUrl,
            @ConfigProperty(name = "pharos.identity.verification-ttl", defaultValue = "PT24H") Duration ttl) {
        this.outbox = outbox;
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.ttl = ttl;
    }

    /** The link for one unverified identity, valid for the configured time from now. */
    public String link(UUID identityId, Instant now) {
        return publicUrl + "/verify-identity/" + tokens.issue(identityId, now.plus(ttl));
    }

    /** Queues the verification mail for a claimed email, in the caller's transaction. */
    public Uni<Void> request(CustomerIdentity claim, String language, Instant now) {
        boolean greek = language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("el");
        String link = link(claim.id, now);
        String subject = greek ? "Επιβεβαιώστε τη διεύθυνση email σας" : "Please confirm your email address";
        String text = (greek
                ? "Κάποιος, ελπίζουμε εσείς, έδωσε αυτή τη διεύθυνση σε μια συνομιλία ή φόρμα επικοινωνίας μαζί μας. Για να λαμβάνετε"
                        + " εδώ τις απαντήσεις μας, επιβεβαιώστε την:\n\n" + link + "\n\nΟ σύνδεσμος λήγει σε " + ttl.toHours()
                        + " ώρες. Αν δεν ήσασταν εσείς, αγνοήστε αυτό το μήνυμα."
                : "Someone, hopefully you, gave this address in a chat or contact form with us. To receive our answers here, please"
                        + " confirm it:\n\n" + link + "\n\nThe link expires in " + ttl.toHours()
                        + " hours. If this was not you, please ignore this mail.");
        MessageRequested mail = new MessageRequested(UUID.randomUUID(), null, null, null, Channel.EMAIL,
                new MessageRequested.Recipient(claim.customer.id, claim.value, null, null, null, null, null, null), subject, text, null,
                null, List.of(), language, null);
        return outbox.append(claim.tenant, ChannelEvents.MESSAGE_REQUESTED, claim.customer.id.toString(), mail).replaceWithVoid();
    }
}
