package io.pharos.channel.service.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;

/**
 * The providers' webhook payloads (their JSON, not our events), normalised into what ticket-service
 * reads: customer messages ({@code pharos.channel.message.received} / {@code .call.received}) with who
 * wrote, on which conversation, what (text, media, location, a button they pressed) and when the
 * provider says it was sent; edits ({@code .message.edited}) and reactions ({@code .message.reacted}).
 * Status callbacks and watermarks of messages we sent become {@link Status} and {@link Watermark}
 * entries for the delivery events, never messages. A payload that is not shaped as the provider
 * documents it (wrong JSON types, missing ids, times that are not numbers) is a
 * {@link MalformedPayload}. Pure: tested on recorded payloads.
 */
public final class ProviderPayloads {

    /**
     * A provider's delivery status of a message we sent (by its id at the provider).
     *
     * @param reason in words an agent understands, for a failure
     * @param code the provider's own code of a failure
     * @param recipient who the message was for, as the provider names them
     */
    public record Status(String providerMessageId, String status, Instant at, String reason, String code, String recipient) {

        public Status(String providerMessageId, String status, Instant at, String reason) {
            this(providerMessageId, status, at, reason, null, null);
        }
    }

    /**
     * Messenger's and Instagram's receipts: every message we sent to {@code recipient} at or before
     * {@code at} was delivered (or read). They name no message.
     */
    public record Watermark(String recipient, DeliveryStatus status, Instant at) {
    }

    public record Parsed(List<Inbound<?>> messages, List<Status> statuses, List<Watermark> watermarks) {

        public Parsed(List<Inbound<?>> messages, List<Status> statuses) {
            this(messages, statuses, List.of());
        }
    }

    private ProviderPayloads() {
    }

    // ------------------------------------------------------------------ Meta

    /**
     * WhatsApp Cloud API ({@code object: whatsapp_business_account}), Messenger ({@code page}) and Instagram ({@code instagram}).
     * Shapes: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages (and its status,
     * reaction, edit pages); …/messenger-platform/webhooks/webhook-events (messages, message_deliveries, message_reads,
     * message_edits, message_reactions, messaging_postbacks).
     */
    public static Parsed meta(ChannelAccount channel, JsonNode payload) {
        return MetaPayloads.parse(channel, payload);
    }

    /** The array at {@code field}: empty when absent, malformed when it is anything but an array. */
    static JsonNode array(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!node.isArray()) {
            throw new MalformedPayload("\"" + field + "\" must be an array");
        }
        return node;
    }

    /** A provider id the payload must carry (a string or a number, never blank). */
    static String id(JsonNode parent, String field, String what) {
        JsonNode node = parent.path(field);
        if (!(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
            throw new MalformedPayload(what + " has no \"" + field + "\"");
        }
        return node.asText();
    }

    // ------------------------------------------------------------------ Twilio SMS

    /** Twilio's words for where a message we sent stands, mapped to ours; in-between states (queued, sending) have none. */
    private static final Map<String, String> TWILIO_STATUSES = Map.of("sent", "sent", "delivered", "delivered", "read", "read",
            "undelivered", "failed", "failed", "failed");

    /**
     * A status callback of a message we sent ({@code MessageStatus} or {@code SmsStatus} other than received), as a
     * delivery status with Twilio's {@code ErrorCode} and what it means; null when the request is a customer's message.
     * Shape: twilio.com/docs/messaging/guides/track-outbound-message-status.
     */
    public static Status twilioStatus(Map<String, String> form) {
        String word = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
        if (word == null || word.equals("received") || word.equals("receiving")) {
            return null;
        }
        String status = TWILIO_STATUSES.getOrDefault(word, word);
        String code = form.get("ErrorCode");
        boolean failed = "failed".equals(status);
        if (code == null || code.isBlank()) {
            return new Status(form.get("MessageSid"), status, Instant.now(), failed ? ProviderErrors.twilio(null, form.get("ErrorMessage")) : null,
                    null, failed ? form.get("To") : null);
        }
        return new Status(form.get("MessageSid"), status, Instant.now(), ProviderErrors.twilio(code.strip(), form.get("ErrorMessage")),
                code.strip(), form.get("To"));
    }

    /**
     * An SMS or MMS: {@code NumMedia} files at {@code MediaUrlN} ({@code MediaContentTypeN}), kept at Twilio; a shared
     * location (WhatsApp via Twilio). Twilio gives no time of sending: it is the time of receipt. A {@code NumMedia}
     * that is not a count Twilio sends (0 to 10), or that names files the form does not carry, is malformed.
     * Shape: twilio.com/docs/messaging/guides/webhook-request.
     */
    public static Inbound<MessageReceived> twilioSms(ChannelAccount channel, Map<String, String> form) {
        String from = form.get("From");
        List<Attachment> attachments = new ArrayList<>();
        int media = count(form.get("NumMedia"));
        for (int i = 0; i < media; i++) {
            String url = form.get("MediaUrl" + i);
            if (url == null || url.isBlank()) {
                throw new MalformedPayload("NumMedia is " + media + " but MediaUrl" + i + " is missing");
            }
            String type = form.get("MediaContentType" + i);
            attachments.add(Attachment.media(kindOf(type), "media-" + i, type, null, url, null, null));
        }
        MessageReceived data = MessageReceived.of(channel.id(), Channel.SMS, form.get("MessageSid"), "sms:" + from, Sender.phone(null, from),
                form.getOrDefault("Body", ""), Instant.now(), Instant.now(), attachments);
        if (form.get("Latitude") != null && form.get("Longitude") != null) {
            try {
                data = data.withLocation(new MessageReceived.Location(Double.parseDouble(form.get("Latitude")),
                        Double.parseDouble(form.get("Longitude")), form.get("Label"), form.get("Address")));
            } catch (NumberFormatException e) {
                // not a location after all: the message still counts
            }
        }
        return new Inbound<>(form.get("MessageSid"), ChannelEvents.MESSAGE_RECEIVED, "sms:" + from, data);
    }

    private static int count(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= 10) { // Twilio sends at most 10
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MalformedPayload("NumMedia must be a count from 0 to 10, not " + ProviderClock.abbreviated(value));
    }

    /** The kind of a file by its media type: image, audio, video, or a document. */
    static String kindOf(String contentType) {
        if (contentType == null) {
            return "document";
        }
        String major = contentType.split("/")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return switch (major) {
            case "image", "audio", "video" -> major;
            default -> "document";
        };
    }

    // ------------------------------------------------------------------ Telegram

    /**
     * A Telegram update (core.telegram.org/bots/api#update): a customer's message (Bot API {@code Message}, also a
     * business account's {@code business_message}) with its text or caption, the largest photo size, voice, audio,
     * video, video notes, animations, documents and stickers by {@code file_id}, a location or venue, a contact; an
     * edit of one ({@code edited_message}, {@code edited_business_message}); a reaction ({@code message_reaction});
     * an inline button pressed ({@code callback_query}). A message is known as {@code telegram:<chat id>:<message id>},
     * the name its edits and reactions give it. Null for updates that carry nothing of the customer's (member and
     * service updates).
     */
    public static Inbound<?> telegram(ChannelAccount channel, JsonNode update) {
        return TelegramPayloads.parse(channel, update);
    }

    // ------------------------------------------------------------------ phone

    /** When the call happened: an ISO-8601 instant, not before 2000 nor more than a day ahead (a clock that far off is no clock). */
    static Instant callTime(String at) {
        Instant t;
        try {
            t = java.time.OffsetDateTime.parse(at).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 date and time with an offset, e.g. 2026-03-09T08:45:00Z");
        }
        if (t.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || t.isAfter(Instant.now().plus(java.time.Duration.ofDays(1)))) {
            throw new IllegalArgumentException("at " + at + " is not a plausible time of a call");
        }
        return t;
    }

    /** {@code event}: missed, voicemail (with transcript and recording), callback (a request to be called back). */
    public static Inbound<CallReceived> voice(ChannelAccount channel, JsonNode call) {
        String event = call.path("event").asText();
        String caller = call.path("from").asText();
        String id = "call:" + call.path("callId").asText() + ":" + event;
        String text = switch (event) {
            case "missed" -> "Missed call from " + caller + ".";
            case "voicemail" -> "Voicemail from " + caller + ": " + call.path("transcript").asText("(no transcript)");
            case "callback" -> "Callback requested by " + caller + (call.hasNonNull("note") ? ": " + call.path("note").asText() : ".");
            default -> throw new IllegalArgumentException("unknown call event " + event + " (missed, voicemail, callback)");
        };
        String subject = switch (event) {
            case "missed" -> "Missed call " + caller;
            case "voicemail" -> "Voicemail " + caller;
            default -> "Callback request " + caller;
        };
        List<Attachment> recording = call.hasNonNull("recordingUrl")
                ? List.of(Attachment.linked("voicemail", "audio/mpeg", call.path("recordingUrl").asText()))
                : null;
        CallReceived data = new CallReceived(channel.id(), Channel.PHONE, id, "phone:" + caller,
                Sender.phone(call.path("callerName").asText(null), caller), subject, text, Instant.now(),
                call.hasNonNull("at") ? callTime(call.path("at").asText()) : Instant.now(),
                new CallReceived.Call(CallReceived.Event.valueOf(event.toUpperCase()), call.path("callId").asText(),
                        call.path("durationSeconds").asInt(0)),
                recording);
        return new Inbound<>(id, ChannelEvents.CALL_RECEIVED, "phone:" + caller, data);
    }
}
