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
                            "whatsapp:" + waId, from, "", Instant.now(), Instant.ofEpochSecond(m.path("timestamp").asLong()), List.of()));
                    if (m.has("context")) {
                        data = data.withReplyTo(m.path("context").path("id").asText(null));
                    }
                    messages.add(new Inbound<>(m.path("id").asText(), ChannelEvents.MESSAGE_RECEIVED, "whatsapp:" + waId, data));
                }
                for (JsonNode s : value.path("statuses")) {
                    String error = s.path("errors").isArray() && s.path("errors").size() > 0
                            ? s.path("errors").get(0).path("title").asText(null) : null;
                    statuses.add(new Status(s.path("id").asText(), s.path("status").asText(), Instant.ofEpochSecond(s.path("timestamp").asLong()),
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
                            statuses.add(new Status(mid.asText(), "delivered", Instant.ofEpochMilli(event.path("timestamp").asLong()), null));
                        }
                    }
                    continue; // our own messages echoed back, reads, reactions: nothing to take in
                }
                Sender from = instagram ? new Sender(null, null, null, null, null, null, sender, null, null)
                        : new Sender(null, null, null, null, null, sender, null, null, null);
                List<Attachment> attachments = new ArrayList<>();
                for (JsonNode a : message.path("attachments")) {
                    attachments.add(Attachment.linked(a.path("type").asText(), a.path("type").asText(), a.path("payload").path("url").asText(null)));
                }
                MessageReceived data = MessageReceived.of(channel.id(), instagram ? Channel.INSTAGRAM : Channel.MESSENGER,
                        message.path("mid").asText(), kind + ":" + sender, from,
                        message.path("text").asText(message.path("quick_reply").path("payload").asText("")), Instant.now(),
                        Instant.ofEpochMilli(event.path("timestamp").asLong()), attachments);
                messages.add(new Inbound<>(message.path("mid").asText(), ChannelEvents.MESSAGE_RECEIVED, kind + ":" + sender, data));
            }
        }
        return new Parsed(messages, statuses);
    }

    /** The message's text, and what it carries besides: media, a location, the button pressed. */
    private static MessageReceived whatsappContent(JsonNode m, MessageReceived base) {
        String type = m.path("type").asText();
        List<Attachment> attachments = new ArrayList<>();
        MessageReceived data = base;
        String text = switch (type) {
            case "text" -> m.path("text").path("body").asText();
            case "image", "video", "audio", "document", "sticker" -> {
                JsonNode media = m.path(type);
                attachments.add(new Attachment(media.path("filename").asText(type), media.path("mime_type").asText(null), null, null, null,
                        null, null, null, media.path("id").asText(null), null));
                yield media.path("caption").asText("");
            }
            case "location" -> {
                JsonNode l = m.path("location");
                data = data.withLocation(new MessageReceived.Location(l.path("latitude").asDouble(), l.path("longitude").asDouble()));
                yield ("📍 " + l.path("name").asText("") + " " + l.path("address").asText("")).strip() + " ("
                        + l.path("latitude").asDouble() + ", " + l.path("longitude").asDouble() + ")";
            }
            case "interactive" -> {
                JsonNode i = m.path("interactive");
                JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
                data = data.withInteractive(new MessageReceived.Interactive(reply.path("id").asText(), reply.path("title").asText()));
                yield reply.path("title").asText();
            }
            case "button" -> m.path("button").path("text").asText();
            default -> "[" + type + "]";
        };
        return new MessageReceived(data.channelId(), data.channel(), data.providerMessageId(), data.conversationKey(), data.from(), null,
                null, text, null, null, null, data.receivedAt(), data.sentAt(), attachments, null, null, data.location(), data.interactive(),
                null);
    }

    // ------------------------------------------------------------------ Twilio SMS

    public static Inbound<MessageReceived> twilioSms(ChannelAccount channel, Map<String, String> form) {
        String from = form.get("From");
        List<Attachment> attachments = new ArrayList<>();
        int media = Integer.parseInt(form.getOrDefault("NumMedia", "0"));
        for (int i = 0; i < media; i++) {
            attachments.add(Attachment.linked("media-" + i, form.get("MediaContentType" + i), form.get("MediaUrl" + i)));
        }
        MessageReceived data = MessageReceived.of(channel.id(), Channel.SMS, form.get("MessageSid"), "sms:" + from, Sender.phone(null, from),
                form.getOrDefault("Body", ""), Instant.now(), Instant.now(), attachments);
        return new Inbound<>(form.get("MessageSid"), ChannelEvents.MESSAGE_RECEIVED, "sms:" + from, data);
    }

    // ------------------------------------------------------------------ Telegram

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
        List<Attachment> attachments = new ArrayList<>();
        if (message.has("photo")) {
            JsonNode largest = message.path("photo").get(message.path("photo").size() - 1);
            attachments.add(new Attachment("photo", "image/jpeg", null, null, null, null, null, null, null, largest.path("file_id").asText()));
        }
        if (message.has("document")) {
            JsonNode document = message.path("document");
            attachments.add(new Attachment(document.path("file_name").asText("document"),
                    document.path("mime_type").asText("application/octet-stream"), null, null, null, null, null, null, null,
                    document.path("file_id").asText()));
        }
        MessageReceived data = MessageReceived.of(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, from,
                message.path("text").asText(message.path("caption").asText("")), Instant.now(),
                Instant.ofEpochSecond(message.path("date").asLong()), attachments).withLanguage(language);
        return new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, data);
    }

    // ------------------------------------------------------------------ phone

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
                call.hasNonNull("at") ? Instant.parse(call.path("at").asText()) : Instant.now(),
                new CallReceived.Call(CallReceived.Event.valueOf(event.toUpperCase()), call.path("callId").asText(),
                        call.path("durationSeconds").asInt(0)),
                recording);
        return new Inbound<>(id, ChannelEvents.CALL_RECEIVED, "phone:" + caller, data);
    }
}
