package io.pharos.channel.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.model.ChannelType;

/**
 * The providers' webhook payloads, normalised into what ticket-service reads
 * ({@code pharos.channel.message.received} / {@code .call.received}): who wrote, on which
 * conversation, what (text, media, location, a button they pressed), and when. Status callbacks
 * become {@link Status} entries for the delivery events. Pure: tested on recorded payloads.
 */
public final class ProviderPayloads {

    /** One normalised inbound item. */
    public record Inbound(String providerMessageId, String type, String conversationKey, Map<String, Object> data) {
    }

    /** A provider's delivery status of a message we sent (by its id at the provider). */
    public record Status(String providerMessageId, String status, Instant at, String error) {
    }

    public record Parsed(List<Inbound> messages, List<Status> statuses) {
    }

    private ProviderPayloads() {
    }

    // ------------------------------------------------------------------ Meta

    /** WhatsApp Cloud API ({@code object: whatsapp_business_account}), Messenger ({@code page}) and Instagram ({@code instagram}). */
    public static Parsed meta(Channels.Channel channel, JsonNode payload) {
        List<Inbound> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) { // WhatsApp
                JsonNode value = change.path("value");
                Map<String, String> names = new LinkedHashMap<>();
                value.path("contacts").forEach(c -> names.put(c.path("wa_id").asText(), c.path("profile").path("name").asText(null)));
                for (JsonNode m : value.path("messages")) {
                    String waId = m.path("from").asText();
                    Map<String, Object> from = new LinkedHashMap<>();
                    from.put("name", names.get(waId));
                    from.put("whatsapp", waId);
                    Map<String, Object> data = base(channel, "whatsapp", m.path("id").asText(), "whatsapp:" + waId, from,
                            Instant.ofEpochSecond(m.path("timestamp").asLong()));
                    whatsappContent(m, data);
                    if (m.has("context")) {
                        data.put("replyTo", m.path("context").path("id").asText(null));
                    }
                    messages.add(new Inbound(m.path("id").asText(), "pharos.channel.message.received", "whatsapp:" + waId, data));
                }
                for (JsonNode s : value.path("statuses")) {
                    String error = s.path("errors").isArray() && s.path("errors").size() > 0
                            ? s.path("errors").get(0).path("title").asText(null) : null;
                    statuses.add(new Status(s.path("id").asText(), s.path("status").asText(), Instant.ofEpochSecond(s.path("timestamp").asLong()),
                            error));
                }
            }
            for (JsonNode event : entry.path("messaging")) { // Messenger and Instagram
                String kind = channel.type() == ChannelType.INSTAGRAM ? "instagram" : "messenger";
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
                Map<String, Object> from = new LinkedHashMap<>();
                from.put(kind, sender);
                Map<String, Object> data = base(channel, kind, message.path("mid").asText(), kind + ":" + sender, from,
                        Instant.ofEpochMilli(event.path("timestamp").asLong()));
                data.put("text", message.path("text").asText(message.path("quick_reply").path("payload").asText("")));
                List<Map<String, Object>> attachments = new ArrayList<>();
                for (JsonNode a : message.path("attachments")) {
                    Map<String, Object> att = new LinkedHashMap<>();
                    att.put("name", a.path("type").asText());
                    att.put("contentType", a.path("type").asText());
                    att.put("url", a.path("payload").path("url").asText(null));
                    attachments.add(att);
                }
                data.put("attachments", attachments);
                messages.add(new Inbound(message.path("mid").asText(), "pharos.channel.message.received", kind + ":" + sender, data));
            }
        }
        return new Parsed(messages, statuses);
    }

    private static void whatsappContent(JsonNode m, Map<String, Object> data) {
        String type = m.path("type").asText();
        List<Map<String, Object>> attachments = new ArrayList<>();
        String text = switch (type) {
            case "text" -> m.path("text").path("body").asText();
            case "image", "video", "audio", "document", "sticker" -> {
                JsonNode media = m.path(type);
                Map<String, Object> att = new LinkedHashMap<>();
                att.put("name", media.path("filename").asText(type));
                att.put("contentType", media.path("mime_type").asText(null));
                att.put("mediaId", media.path("id").asText(null));
                attachments.add(att);
                yield media.path("caption").asText("");
            }
            case "location" -> {
                JsonNode l = m.path("location");
                data.put("location", Map.of("latitude", l.path("latitude").asDouble(), "longitude", l.path("longitude").asDouble()));
                yield ("📍 " + l.path("name").asText("") + " " + l.path("address").asText("")).strip() + " ("
                        + l.path("latitude").asDouble() + ", " + l.path("longitude").asDouble() + ")";
            }
            case "interactive" -> {
                JsonNode i = m.path("interactive");
                JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
                data.put("interactive", Map.of("id", reply.path("id").asText(), "title", reply.path("title").asText()));
                yield reply.path("title").asText();
            }
            case "button" -> m.path("button").path("text").asText();
            default -> "[" + type + "]";
        };
        data.put("text", text);
        data.put("attachments", attachments);
    }

    // ------------------------------------------------------------------ Twilio SMS

    public static Inbound twilioSms(Channels.Channel channel, Map<String, String> form) {
        String from = form.get("From");
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("phone", from);
        Map<String, Object> data = base(channel, "sms", form.get("MessageSid"), "sms:" + from, sender, Instant.now());
        data.put("text", form.getOrDefault("Body", ""));
        List<Map<String, Object>> attachments = new ArrayList<>();
        int media = Integer.parseInt(form.getOrDefault("NumMedia", "0"));
        for (int i = 0; i < media; i++) {
            Map<String, Object> att = new LinkedHashMap<>();
            att.put("name", "media-" + i);
            att.put("contentType", form.get("MediaContentType" + i));
            att.put("url", form.get("MediaUrl" + i));
            attachments.add(att);
        }
        data.put("attachments", attachments);
        return new Inbound(form.get("MessageSid"), "pharos.channel.message.received", "sms:" + from, data);
    }

    // ------------------------------------------------------------------ Telegram

    public static Inbound telegram(Channels.Channel channel, JsonNode update) {
        JsonNode message = update.has("message") ? update.path("message") : update.path("edited_message");
        if (message.isMissingNode()) {
            return null; // callbacks, member updates: nothing to take in
        }
        String chat = message.path("chat").path("id").asText();
        JsonNode user = message.path("from");
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("name", (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip());
        from.put("telegram", chat);
        from.put("language", user.path("language_code").asText(null));
        String id = "telegram:" + update.path("update_id").asText();
        Map<String, Object> data = base(channel, "telegram", id, "telegram:" + chat, from, Instant.ofEpochSecond(message.path("date").asLong()));
        data.put("text", message.path("text").asText(message.path("caption").asText("")));
        data.put("language", user.path("language_code").asText(null));
        List<Map<String, Object>> attachments = new ArrayList<>();
        if (message.has("photo")) {
            JsonNode largest = message.path("photo").get(message.path("photo").size() - 1);
            attachments.add(Map.of("name", "photo", "contentType", "image/jpeg", "fileId", largest.path("file_id").asText()));
        }
        if (message.has("document")) {
            attachments.add(Map.of("name", message.path("document").path("file_name").asText("document"), "contentType",
                    message.path("document").path("mime_type").asText("application/octet-stream"), "fileId",
                    message.path("document").path("file_id").asText()));
        }
        data.put("attachments", attachments);
        return new Inbound(id, "pharos.channel.message.received", "telegram:" + chat, data);
    }

    // ------------------------------------------------------------------ phone

    /** {@code event}: missed, voicemail (with transcript and recording), callback (a request to be called back). */
    public static Inbound voice(Channels.Channel channel, JsonNode call) {
        String event = call.path("event").asText();
        String caller = call.path("from").asText();
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("name", call.path("callerName").asText(null));
        from.put("phone", caller);
        String id = "call:" + call.path("callId").asText() + ":" + event;
        Map<String, Object> data = base(channel, "phone", id, "phone:" + caller, from,
                call.hasNonNull("at") ? Instant.parse(call.path("at").asText()) : Instant.now());
        data.put("call", Map.of("event", event, "callId", call.path("callId").asText(), "durationSeconds", call.path("durationSeconds").asInt(0)));
        String text = switch (event) {
            case "missed" -> "Missed call from " + caller + ".";
            case "voicemail" -> "Voicemail from " + caller + ": " + call.path("transcript").asText("(no transcript)");
            case "callback" -> "Callback requested by " + caller + (call.hasNonNull("note") ? ": " + call.path("note").asText() : ".");
            default -> throw new IllegalArgumentException("unknown call event " + event + " (missed, voicemail, callback)");
        };
        data.put("text", text);
        data.put("subject", switch (event) {
            case "missed" -> "Missed call " + caller;
            case "voicemail" -> "Voicemail " + caller;
            default -> "Callback request " + caller;
        });
        if (call.hasNonNull("recordingUrl")) {
            data.put("attachments", List.of(Map.of("name", "voicemail", "contentType", "audio/mpeg", "url", call.path("recordingUrl").asText())));
        }
        return new Inbound(id, "pharos.channel.call.received", "phone:" + caller, data);
    }

    public static Map<String, Object> base(Channels.Channel channel, String kind, String providerMessageId, String conversationKey,
            Map<String, Object> from, Instant sentAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", channel.id());
        data.put("channel", kind);
        data.put("providerMessageId", providerMessageId);
        data.put("conversationKey", conversationKey);
        data.put("from", from);
        data.put("receivedAt", Instant.now());
        data.put("sentAt", sentAt);
        return data;
    }
}
