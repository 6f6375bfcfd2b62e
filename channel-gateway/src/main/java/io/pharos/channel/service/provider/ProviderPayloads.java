package io.pharos.channel.service.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;

/**
 * The providers' webhook payloads (their JSON, not our events), normalised into what ticket-service
 * reads ({@code pharos.channel.message.received} / {@code .call.received}): who wrote, on which
 * conversation, what (text, media, location, a button they pressed), and when. Status callbacks
 * become {@link Status} entries for the delivery events. Pure: tested on recorded payloads.
 */
public final class ProviderPayloads {

    /** A provider's delivery status of a message we sent (by its id at the provider). */
    public record Status(String providerMessageId, String status, Instant at, String error) {
    }

    public record Parsed(List<Inbound<?>> messages, List<Status> statuses) {
    }

    private ProviderPayloads() {
    }

    // ------------------------------------------------------------------ Meta

    /** WhatsApp Cloud API ({@code object: whatsapp_business_account}), Messenger ({@code page}) and Instagram ({@code instagram}). */
    public static Parsed meta(ChannelAccount channel, JsonNode payload) {
        List<Inbound<?>> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) { // WhatsApp
                JsonNode value = change.path("value");
                Map<String, String> names = new LinkedHashMap<>();
                value.path("contacts").forEach(c -> names.put(c.path("wa_id").asText(), c.path("profile").path("name").asText(null)));
                for (JsonNode m : value.path("messages")) {
                    String waId = m.path("from").asText();
                    Sender from = new Sender(names.get(waId), null, null, waId, null, null, null, null, null);
                    MessageReceived data = whatsappContent(m, MessageReceived.of(channel.id(), Channel.WHATSAPP, m.path("id").asText(),
                            "whatsapp:" + waId, from, "", Instant.now(), ProviderClock.epochSeconds(m.path("timestamp"), Instant.now()), List.of()));
                    if (data == null) {
                        continue;
                    }
                    if (m.has("context")) {
                        data = data.withReplyTo(m.path("context").path("id").asText(null));
                    }
                    messages.add(new Inbound<>(m.path("id").asText(), ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + waId, data));
                }
                for (JsonNode s : value.path("statuses")) {
                    String error = s.path("errors").isArray() && s.path("errors").size() > 0
                            ? s.path("errors").get(0).path("title").asText(null) : null;
                    statuses.add(new Status(s.path("id").asText(), s.path("status").asText(), ProviderClock.epochSeconds(s.path("timestamp"), Instant.now()),
                            error));
                }
            }
            for (JsonNode event : entry.path("messaging")) { // Messenger and Instagram
                boolean instagram = channel.type() == ChannelType.INSTAGRAM;
                String kind = instagram ? "instagram" : "messenger";
                String sender = event.path("sender").path("id").asText();
                JsonNode message = event.path("message");
                if (message.isMissingNode() || message.path("is_echo").asBoolean(false)) {
                    if (event.has("delivery")) {
                        for (JsonNode mid : event.path("delivery").path("mids")) {
                            statuses.add(new Status(mid.asText(), "delivered", ProviderClock.epochMillis(event.path("timestamp"), Instant.now()), null));
                        }
                    }
                    continue; // our own messages echoed back, reads, reactions: nothing to take in
                }
                if (message.path("is_deleted").asBoolean(false)) {
                    continue; // the customer unsent a message: nothing new to read
                }
                Sender from = instagram ? new Sender(null, null, null, null, null, null, sender, null, null)
                        : new Sender(null, null, null, null, null, sender, null, null, null);
                List<Attachment> attachments = new ArrayList<>();
                MessageReceived.Location location = null;
                for (JsonNode a : message.path("attachments")) {
                    JsonNode content = a.path("payload");
                    if (content.has("coordinates")) { // Messenger's (legacy) shared location
                        location = new MessageReceived.Location(content.path("coordinates").path("lat").asDouble(),
                                content.path("coordinates").path("long").asDouble(), a.path("title").asText(null), null);
                        continue;
                    }
                    // a sticker (the like button too) is an image with a sticker_id
                    String type = content.has("sticker_id") ? "sticker" : a.path("type").asText("file");
                    attachments.add(Attachment.media(type, content.path("title").asText(a.path("title").asText(type)), null, null,
                            content.path("url").asText(null), content.has("sticker_id") ? content.path("sticker_id").asText() : null, null));
                }
                String text = message.path("text").asText(message.path("quick_reply").path("payload").asText(""));
                if (text.isEmpty() && attachments.isEmpty() && location == null) {
                    text = "[unsupported message]"; // is_unsupported: the customer wrote, the provider will not say what
                }
                MessageReceived data = MessageReceived.of(channel.id(), instagram ? Channel.INSTAGRAM : Channel.MESSENGER,
                        message.path("mid").asText(), kind + ":" + sender, from, text, Instant.now(),
                        ProviderClock.epochMillis(event.path("timestamp"), Instant.now()), attachments).withLocation(location);
                messages.add(new Inbound<>(message.path("mid").asText(), ChannelEvents.MESSAGE_RECEIVED, kind + ":" + sender, data));
            }
        }
        return new Parsed(messages, statuses);
    }

    /**
     * The message's text, and what it carries besides: media (by its WhatsApp media id), a location,
     * a contact card, the button pressed. Media, locations and contacts need no text of their own.
     * Null for a reaction taken back (nothing to read).
     */
    private static MessageReceived whatsappContent(JsonNode m, MessageReceived base) {
        String type = m.path("type").asText();
        List<Attachment> attachments = new ArrayList<>();
        MessageReceived data = base;
        String text = switch (type) {
            case "text" -> m.path("text").path("body").asText();
            case "image", "video", "audio", "document", "sticker" -> {
                JsonNode media = m.path(type);
                // a voice note is audio recorded in the app
                String kind = "audio".equals(type) && media.path("voice").asBoolean(false) ? "voice" : type;
                attachments.add(Attachment.media(kind, media.path("filename").asText(kind), media.path("mime_type").asText(null), null,
                        null, media.path("id").asText(null), null));
                yield media.path("caption").asText("");
            }
            case "location" -> {
                JsonNode l = m.path("location");
                data = data.withLocation(new MessageReceived.Location(l.path("latitude").asDouble(), l.path("longitude").asDouble(),
                        l.path("name").asText(null), l.path("address").asText(null)));
                yield "";
            }
            case "contacts" -> {
                JsonNode c = m.path("contacts").path(0);
                List<String> phones = new ArrayList<>();
                c.path("phones").forEach(p -> phones.add(p.path("phone").asText(p.path("wa_id").asText())));
                List<String> emails = new ArrayList<>();
                c.path("emails").forEach(e -> emails.add(e.path("email").asText()));
                data = data.withContact(new MessageReceived.Contact(c.path("name").path("formatted_name").asText("contact"),
                        phones.isEmpty() ? null : phones, emails.isEmpty() ? null : emails, c.path("org").path("company").asText(null)));
                yield "";
            }
            case "interactive" -> {
                JsonNode i = m.path("interactive");
                JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
                data = data.withInteractive(new MessageReceived.Interactive(reply.path("id").asText(), reply.path("title").asText()));
                yield reply.path("title").asText();
            }
            case "button" -> m.path("button").path("text").asText();
            case "reaction" -> m.path("reaction").path("emoji").asText("");
            default -> "[" + type + "]";
        };
        if ("reaction".equals(type) && text.isEmpty()) {
            return null;
        }
        return new MessageReceived(data.channelId(), data.channel(), data.providerMessageId(), data.conversationKey(), data.from(), null,
                null, text, null, null, null, data.receivedAt(), data.sentAt(), attachments, null, null, data.location(), data.interactive(),
                null, data.contact());
    }

    // ------------------------------------------------------------------ Twilio SMS

    /** Twilio's words for where a message we sent stands, mapped to ours; null for in-between states (queued, sending). */
    private static final Map<String, String> TWILIO_STATUSES = Map.of("sent", "sent", "delivered", "delivered", "read", "read",
            "undelivered", "failed", "failed", "failed");

    /**
     * A status callback of a message we sent (MessageStatus or SmsStatus other than received), as a
     * delivery status; null when the request is a customer's message.
     */
    public static Status twilioStatus(Map<String, String> form) {
        String word = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
        if (word == null || word.equals("received") || word.equals("receiving")) {
            return null;
        }
        String status = TWILIO_STATUSES.get(word);
        String code = form.get("ErrorCode");
        String error = code == null || code.isBlank() ? null
                : "Twilio error " + code + (form.get("ErrorMessage") != null ? ": " + form.get("ErrorMessage") : "");
        return new Status(form.get("MessageSid"), status == null ? word : status, Instant.now(), error);
    }

    /** An SMS or MMS: {@code NumMedia} files at {@code MediaUrlN} ({@code MediaContentTypeN}), kept at Twilio; a shared location (WhatsApp via Twilio). */
    public static Inbound<MessageReceived> twilioSms(ChannelAccount channel, Map<String, String> form) {
        String from = form.get("From");
        List<Attachment> attachments = new ArrayList<>();
        int media = Math.min(count(form.get("NumMedia")), 10); // Twilio sends at most 10
        for (int i = 0; i < media; i++) {
            String type = form.get("MediaContentType" + i);
            attachments.add(Attachment.media(kindOf(type), "media-" + i, type, null, form.get("MediaUrl" + i), null, null));
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
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
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

    /** Content a Telegram message can carry that we keep no details of: named, so the agent knows the customer sent something. */
    private static final List<String> TELEGRAM_OTHER = List.of("poll", "dice", "game", "story", "invoice", "giveaway", "paid_media");

    /**
     * A Telegram update's message (Bot API {@code Message}): text or caption, the largest photo size,
     * voice, audio, video, video notes, animations, documents and stickers by {@code file_id}, a
     * location or venue, a contact. Null for updates that carry no customer message (callbacks,
     * member and service updates).
     */
    public static Inbound<MessageReceived> telegram(ChannelAccount channel, JsonNode update) {
        JsonNode message = update.has("message") ? update.path("message") : update.path("edited_message");
        if (message.isMissingNode()) {
            return null; // callbacks, member updates: nothing to take in
        }
        String chat = message.path("chat").path("id").asText();
        JsonNode user = message.path("from");
        String language = user.path("language_code").asText(null);
        Sender from = new Sender((user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip(), null, null, null,
                chat, null, null, null, language);
        String id = "telegram:" + update.path("update_id").asText();
        List<Attachment> attachments = telegramFiles(message);
        String text = message.path("text").asText(message.path("caption").asText(""));
        MessageReceived data = MessageReceived.of(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, from, text, Instant.now(),
                ProviderClock.epochSeconds(message.path("date"), Instant.now()), attachments).withLanguage(language);
        if (message.has("venue")) {
            JsonNode venue = message.path("venue");
            data = data.withLocation(new MessageReceived.Location(venue.path("location").path("latitude").asDouble(),
                    venue.path("location").path("longitude").asDouble(), venue.path("title").asText(null), venue.path("address").asText(null)));
        } else if (message.has("location")) {
            data = data.withLocation(new MessageReceived.Location(message.path("location").path("latitude").asDouble(),
                    message.path("location").path("longitude").asDouble()));
        }
        if (message.has("contact")) {
            JsonNode c = message.path("contact");
            String name = (c.path("first_name").asText("") + " " + c.path("last_name").asText("")).strip();
            data = data.withContact(new MessageReceived.Contact(name.isEmpty() ? "contact" : name,
                    c.hasNonNull("phone_number") ? List.of(c.path("phone_number").asText()) : null, null, null));
        }
        if (text.isEmpty() && attachments.isEmpty() && data.location() == null && data.contact() == null) {
            String other = TELEGRAM_OTHER.stream().filter(message::has).findFirst().orElse(null);
            if (other == null) {
                return null; // a service message (pinned, joined, …): nothing the customer wrote
            }
            data = data.withText("[" + other + "]");
        }
        return new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, data);
    }

    private static List<Attachment> telegramFiles(JsonNode message) {
        List<Attachment> files = new ArrayList<>();
        if (message.path("photo").isArray() && message.path("photo").size() > 0) {
            JsonNode largest = message.path("photo").get(message.path("photo").size() - 1); // sizes come smallest first
            files.add(telegramFile("image", "photo", "image/jpeg", largest));
        }
        if (message.has("voice")) {
            files.add(telegramFile("voice", "voice", "audio/ogg", message.path("voice")));
        }
        if (message.has("audio")) {
            JsonNode audio = message.path("audio");
            files.add(telegramFile("audio", audio.path("file_name").asText(audio.path("title").asText("audio")), "audio/mpeg", audio));
        }
        if (message.has("video")) {
            files.add(telegramFile("video", message.path("video").path("file_name").asText("video"), "video/mp4", message.path("video")));
        }
        if (message.has("video_note")) {
            files.add(telegramFile("video", "video note", "video/mp4", message.path("video_note")));
        }
        if (message.has("animation")) { // a GIF; Telegram repeats it as a document, which is not a second file
            files.add(telegramFile("video", message.path("animation").path("file_name").asText("animation"), "video/mp4",
                    message.path("animation")));
        } else if (message.has("document")) {
            files.add(telegramFile("document", message.path("document").path("file_name").asText("document"), "application/octet-stream",
                    message.path("document")));
        }
        if (message.has("sticker")) {
            JsonNode sticker = message.path("sticker");
            String type = sticker.path("is_animated").asBoolean(false) ? "application/x-tgsticker"
                    : sticker.path("is_video").asBoolean(false) ? "video/webm" : "image/webp";
            files.add(telegramFile("sticker", "sticker " + sticker.path("emoji").asText("").strip(), type, sticker));
        }
        return files;
    }

    private static Attachment telegramFile(String kind, String name, String defaultType, JsonNode file) {
        return Attachment.media(kind, name.strip(), file.path("mime_type").asText(defaultType),
                file.hasNonNull("file_size") ? file.path("file_size").asLong() : null, null, null, file.path("file_id").asText(null));
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
