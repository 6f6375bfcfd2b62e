package io.pharos.channel.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    private final Channels channels;
    private final Deliveries deliveries;
    private final ObjectMapper json;

    public Acknowledgements(Channels channels, Deliveries deliveries, ObjectMapper json) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.json = json;
    }

    public Uni<Void> onTicketCreated(JsonNode event) {
        JsonNode data = event.path("data");
        JsonNode source = data.path("source");
        String channelId = source.path("channelId").asText(null);
        if (channelId == null) {
            return Uni.createFrom().voidItem(); // not from a customer's message: nothing to acknowledge
        }
        return channels.get(channelId).flatMap(channel -> {
            if (channel == null || !channel.enabled() || "false".equals(channel.setting("acknowledge", "true"))) {
                return Uni.createFrom().voidItem();
            }
            JsonNode ticket = data.path("ticket");
            String language = ticket.path("language").asText("en").toLowerCase(Locale.ROOT).startsWith("el") ? "el" : "en";
            String text = text(channel, language, ticket.path("number").asLong(), data.path("promise"));
            return deliveries.deliver(request(event, channel, text, language));
        });
    }

    static String text(Channels.Channel channel, String language, long number, JsonNode promise) {
        StringBuilder text = new StringBuilder();
        if (promise.hasNonNull("firstResponseDueAt")) {
            String template = channel.ackTemplates().getOrDefault(language, DEFAULT_TEMPLATES.get(language));
            ZoneId zone = ZoneId.of(promise.path("timeZone").asText("UTC"));
            text.append(template.replace("{number}", String.valueOf(number))
                    .replace("{due}", due(Instant.parse(promise.path("firstResponseDueAt").asText()), zone, language)));
        } else {
            text.append(NO_PROMISE.get(language).replace("{number}", String.valueOf(number)));
        }
        if (!promise.path("openNow").asBoolean(true)) {
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

    private JsonNode request(JsonNode event, Channels.Channel channel, String text, String language) {
        JsonNode data = event.path("data");
        JsonNode source = data.path("source");
        String ticketId = data.path("ticket").path("id").asText();
        ObjectNode request = json.createObjectNode();
        // one receipt per ticket, however often the event is delivered
        request.put("requestId", UUID.nameUUIDFromBytes(("ack:" + ticketId).getBytes(StandardCharsets.UTF_8)).toString());
        request.put("ticketId", ticketId);
        request.put("acknowledgement", true);
        request.put("channel", channel.type().name().toLowerCase());
        request.set("recipient", source.path("from").deepCopy());
        request.put("text", text);
        request.put("language", language);
        String subject = source.path("subject").asText("");
        request.put("subject", (subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject) + " [#"
                + data.path("ticket").path("number").asLong() + "]");
        String messageId = source.path("emailMessageId").asText(null);
        if (messageId != null) {
            String bare = EmailParser.angle(messageId);
            request.put("inReplyTo", bare);
            request.set("references", json.valueToTree(List.of(bare)));
        }
        ObjectNode envelope = json.createObjectNode();
        envelope.put("tenant", event.path("tenant").asText());
        envelope.put("type", "pharos.channel.message.requested");
        envelope.set("data", request);
        return envelope;
    }
}
