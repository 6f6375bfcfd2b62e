package io.pharos.channel.service.acknowledgement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.delivery.Deliveries;
import io.pharos.channel.service.email.EmailParser;
import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.ticket.TicketCreated;
import io.smallrye.mutiny.Uni;

/**
 * The receipt a customer gets for the first message of a new conversation, on the same channel:
 * when to expect a reply (the first-response promise ticket-service computed from the tenant's
 * SLA and business hours, carried by {@code pharos.ticket.created}), in their language, and —
 * out of hours — where self-service help is. Without a promise (no policy, or an old event) it
 * says "as soon as we can" rather than inventing a time. Receipts are not messages of the ticket,
 * so they can never count as a first response; emails carry {@code Auto-Submitted: auto-replied}.
 */
@ApplicationScoped
public class Acknowledgements {

    static final Map<String, String> DEFAULT_TEMPLATES = Map.of(
            "el", "Λάβαμε το μήνυμά σας (αίτημα #{number}). Θα σας απαντήσουμε έως {due}.",
            "en", "We received your message (request #{number}). We will reply by {due}.");
    static final Map<String, String> NO_PROMISE = Map.of(
            "el", "Λάβαμε το μήνυμά σας (αίτημα #{number}). Θα σας απαντήσουμε το συντομότερο δυνατό.",
            "en", "We received your message (request #{number}). We will reply as soon as we can.");
    static final Map<String, String> OUT_OF_HOURS = Map.of(
            "el", "Η ομάδα μας είναι εκτός ωραρίου αυτή τη στιγμή.",
            "en", "Our team is out of office hours right now.");
    static final Map<String, String> SELF_SERVICE = Map.of(
            "el", "Ίσως βρείτε ήδη την απάντηση εδώ: {url}",
            "en", "You may find the answer right away here: {url}");

    /** The receipts this service asks for itself, as the source of their request events. */
    static final String SOURCE = "//pharos/channel-gateway";

    private final Channels channels;
    private final Deliveries deliveries;

    public Acknowledgements(Channels channels, Deliveries deliveries) {
        this.channels = channels;
        this.deliveries = deliveries;
    }

    public Uni<Void> onTicketCreated(String tenant, TicketCreated created) {
        TicketCreated.Source source = created.source();
        String channelId = source == null ? null : source.channelId();
        if (channelId == null) {
            return Uni.createFrom().voidItem(); // not from a customer's message: nothing to acknowledge
        }
        return channels.get(channelId).flatMap(channel -> {
            if (channel == null || !channel.enabled() || "false".equals(channel.setting("acknowledge", "true"))) {
                return Uni.createFrom().voidItem();
            }
            String ticketLanguage = created.ticket().language() == null ? "en" : created.ticket().language();
            String language = ticketLanguage.toLowerCase(Locale.ROOT).startsWith("el") ? "el" : "en";
            String text = text(channel, language, created.ticket().number(), created.promise());
            return deliveries.deliver(request(tenant, created, channel, text, language));
        });
    }

    static String text(ChannelAccount channel, String language, long number, TicketCreated.Promise promise) {
        StringBuilder text = new StringBuilder();
        if (promise != null && promise.firstResponseDueAt() != null) {
            String template = channel.ackTemplates().getOrDefault(language, DEFAULT_TEMPLATES.get(language));
            ZoneId zone = ZoneId.of(promise.timeZone() == null ? "UTC" : promise.timeZone());
            text.append(template.replace("{number}", String.valueOf(number))
                    .replace("{due}", due(promise.firstResponseDueAt(), zone, language)));
        } else {
            text.append(NO_PROMISE.get(language).replace("{number}", String.valueOf(number)));
        }
        if (promise != null && !promise.openNow()) {
            text.append(' ').append(OUT_OF_HOURS.get(language));
            String url = channel.setting("selfServiceUrl", null);
            if (url != null) {
                text.append(' ').append(SELF_SERVICE.get(language).replace("{url}", url));
            }
        }
        return text.toString();
    }

    /** "Monday 9 March, 10:30" / "Δευτέρα 9 Μαρτίου, 10:30" in the tenant's time zone. */
    static String due(Instant at, ZoneId zone, String language) {
        Locale locale = "el".equals(language) ? Locale.forLanguageTag("el-GR") : Locale.UK;
        return DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", locale).format(at.atZone(zone));
    }

    private static CloudEvent<MessageRequested> request(String tenant, TicketCreated created, ChannelAccount channel, String text,
            String language) {
        TicketCreated.Source source = created.source();
        UUID ticketId = created.ticket().id();
        long number = created.ticket().number();
        // one receipt per ticket, however often the event is delivered
        UUID requestId = UUID.nameUUIDFromBytes(("ack:" + ticketId).getBytes(StandardCharsets.UTF_8));
        TicketCreated.Sender from = source.from();
        MessageRequested.Recipient recipient = from == null ? new MessageRequested.Recipient(null, null, null, null, null, null, null, null)
                : new MessageRequested.Recipient(null, from.email(), from.phone(), from.whatsapp(), from.telegram(), from.messenger(),
                        from.instagram(), from.chat());
        String subject = source.subject() == null ? "" : source.subject();
        String messageId = source.emailMessageId();
        String bare = messageId == null ? null : EmailParser.angle(messageId);
        MessageRequested request = new MessageRequested(requestId, ticketId, null, null, Channel.of(channel.type()), recipient,
                (subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject) + " [#" + number + "]", text, null, bare,
                bare == null ? List.of() : List.of(bare), language, true).from(channel.id()); // from the account the customer wrote to
        return CloudEvent.of(requestId, SOURCE, ChannelEvents.MESSAGE_REQUESTED, ticketId.toString(), Instant.now(), tenant, request);
    }
}
