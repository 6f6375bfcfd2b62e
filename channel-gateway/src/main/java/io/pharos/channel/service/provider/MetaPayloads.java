package io.pharos.channel.service.provider;

import static io.pharos.channel.service.provider.ProviderPayloads.array;
import static io.pharos.channel.service.provider.ProviderPayloads.id;

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
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;

/**
 * Meta's webhooks: WhatsApp Cloud API ({@code changes[].value}: messages, statuses) and Messenger /
 * Instagram ({@code messaging[]}: messages, deliveries, reads, edits, reactions, postbacks).
 */
final class MetaPayloads {

    private MetaPayloads() {
    }

    /** See {@link ProviderPayloads#meta}. */
    static ProviderPayloads.Parsed parse(ChannelAccount channel, JsonNode payload) {
        List<Inbound<?>> messages = new ArrayList<>();
        List<ProviderPayloads.Status> statuses = new ArrayList<>();
        List<ProviderPayloads.Watermark> watermarks = new ArrayList<>();
        for (JsonNode entry : array(payload, "entry")) {
            for (JsonNode change : array(entry, "changes")) { // WhatsApp
                JsonNode value = change.path("value");
                Map<String, String> names = new LinkedHashMap<>();
                array(value, "contacts").forEach(c -> names.put(c.path("wa_id").asText(), c.path("profile").path("name").asText(null)));
                for (JsonNode m : array(value, "messages")) {
                    messages.add(whatsappMessage(channel, m, names));
                }
                for (JsonNode s : array(value, "statuses")) {
                    statuses.add(whatsappStatus(s));
                }
            }
            for (JsonNode event : array(entry, "messaging")) { // Messenger and Instagram
                messenger(channel, event, messages, statuses, watermarks);
            }
        }
        return new ProviderPayloads.Parsed(messages, statuses, watermarks);
    }

    private static Inbound<?> whatsappMessage(ChannelAccount channel, JsonNode m, Map<String, String> names) {
        String id = id(m, "id", "a WhatsApp message");
        String waId = m.path("from").asText();
        String key = "whatsapp:" + waId;
        Sender from = new Sender(names.get(waId), null, null, waId, null, null, null, null, null);
        Instant sent = ProviderClock.epochSeconds(m.path("timestamp"), Instant.now());
        switch (m.path("type").asText()) {
            case "reaction" -> { // an empty or absent emoji: the customer took their reaction back
                JsonNode r = m.path("reaction");
                String emoji = r.path("emoji").asText("");
                return new Inbound<>(id, ChannelEvents.MESSAGE_REACTED, key, new MessageReacted(channel.id(), Channel.WHATSAPP,
                        id(r, "message_id", "a WhatsApp reaction"), key, from, emoji.isEmpty() ? null : emoji, sent));
            }
            case "edit" -> { // WhatsApp Business app numbers only ("coexistence"); the edited message comes whole
                JsonNode e = m.path("edit");
                JsonNode edited = e.path("message");
                String type = edited.path("type").asText();
                String text = "text".equals(type) ? edited.path("text").path("body").asText("") : edited.path(type).path("caption").asText("");
                return new Inbound<>(id, ChannelEvents.MESSAGE_EDITED, key, new MessageEdited(channel.id(), Channel.WHATSAPP,
                        id(e, "original_message_id", "a WhatsApp edit"), key, from, text, sent));
            }
            default -> {
                MessageReceived data = whatsappContent(m, MessageReceived.of(channel.id(), Channel.WHATSAPP, id, key, from, "", Instant.now(),
                        sent, List.of()));
                if (m.has("context")) {
                    data = data.withReplyTo(m.path("context").path("id").asText(null));
                }
                return new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, key, data);
            }
        }
    }

    /** {@code statuses[]}: sent, delivered, read, or failed with {@code errors[].code/title/message/error_data.details}. */
    private static ProviderPayloads.Status whatsappStatus(JsonNode s) {
        String id = id(s, "id", "a WhatsApp status");
        Instant at = ProviderClock.epochSeconds(s.path("timestamp"), Instant.now());
        JsonNode error = array(s, "errors").size() > 0 ? s.path("errors").get(0) : null;
        if (error == null) {
            return new ProviderPayloads.Status(id, s.path("status").asText(), at, null, null, null);
        }
        String code = error.hasNonNull("code") ? error.path("code").asText() : null;
        String reason = ProviderErrors.whatsapp(code, error.path("title").asText(null), error.path("message").asText(null),
                error.path("error_data").path("details").asText(null));
        return new ProviderPayloads.Status(id, s.path("status").asText(), at, reason, code, s.path("recipient_id").asText(null));
    }

    /** One {@code messaging[]} event of Messenger or Instagram. */
    private static void messenger(ChannelAccount channel, JsonNode event, List<Inbound<?>> messages, List<ProviderPayloads.Status> statuses,
            List<ProviderPayloads.Watermark> watermarks) {
        boolean instagram = channel.type() == ChannelType.INSTAGRAM;
        Channel kind = instagram ? Channel.INSTAGRAM : Channel.MESSENGER;
        String sender = event.path("sender").path("id").asText();
        String key = (instagram ? "instagram:" : "messenger:") + sender;
        Sender from = instagram ? new Sender(null, null, null, null, null, null, sender, null, null)
                : new Sender(null, null, null, null, null, sender, null, null, null);
        Instant at = ProviderClock.epochMillis(event.path("timestamp"), Instant.now());
        if (event.has("delivery")) { // our messages reached the customer: those named, and every one up to the watermark
            JsonNode delivery = event.path("delivery");
            Instant watermark = ProviderClock.epochMillis(delivery.path("watermark"), Instant.now());
            array(delivery, "mids").forEach(mid -> statuses.add(new ProviderPayloads.Status(mid.asText(), "delivered", watermark, null)));
            if (delivery.has("watermark")) {
                watermarks.add(new ProviderPayloads.Watermark(sender, DeliveryStatus.DELIVERED, watermark));
            }
            return;
        }
        if (event.has("read")) { // Messenger: a watermark; Instagram (messaging_seen): the message seen
            JsonNode read = event.path("read");
            if (read.has("watermark")) {
                watermarks.add(new ProviderPayloads.Watermark(sender, DeliveryStatus.READ, ProviderClock.epochMillis(read.path("watermark"), Instant.now())));
            }
            if (read.hasNonNull("mid")) {
                statuses.add(new ProviderPayloads.Status(read.path("mid").asText(), "read", at, null));
            }
            return;
        }
        if (event.has("message_edit")) {
            JsonNode edit = event.path("message_edit");
            String mid = id(edit, "mid", "a Messenger edit");
            messages.add(new Inbound<>(mid + ":edit:" + edit.path("num_edit").asText(), ChannelEvents.MESSAGE_EDITED, key,
                    new MessageEdited(channel.id(), kind, mid, key, from, edit.path("text").asText(""), at)));
            return;
        }
        if (event.has("reaction")) {
            JsonNode r = event.path("reaction");
            String mid = id(r, "mid", "a Messenger reaction");
            boolean removed = "unreact".equals(r.path("action").asText()) || r.path("emoji").asText("").isEmpty();
            messages.add(new Inbound<>("reaction:" + mid + ":" + sender + ":" + event.path("timestamp").asText(),
                    ChannelEvents.MESSAGE_REACTED, key,
                    new MessageReacted(channel.id(), kind, mid, key, from, removed ? null : r.path("emoji").asText(), at)));
            return;
        }
        if (event.has("postback")) { // a button of ours pressed: its title is what the customer "said"
            JsonNode p = event.path("postback");
            String id = p.hasNonNull("mid") ? p.path("mid").asText() : "postback:" + sender + ":" + event.path("timestamp").asText();
            String title = p.path("title").asText("");
            String payload = p.path("payload").asText("");
            MessageReceived data = MessageReceived.of(channel.id(), kind, id, key, from, title, Instant.now(), at, List.of())
                    .withInteractive(new MessageReceived.Interactive(payload, title, "postback", null));
            messages.add(new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, key, data));
            return;
        }
        JsonNode message = event.path("message");
        if (message.isMissingNode() || message.path("is_echo").asBoolean(false)) {
            return; // our own messages echoed back, referrals, opt-ins: nothing to take in
        }
        if (message.path("is_deleted").asBoolean(false)) {
            return; // the customer unsent a message: nothing new to read
        }
        String mid = id(message, "mid", "a Messenger message");
        List<Attachment> attachments = new ArrayList<>();
        MessageReceived.Location location = null;
        for (JsonNode a : array(message, "attachments")) {
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
        String quickReply = message.path("quick_reply").path("payload").asText(null);
        String text = message.path("text").asText(quickReply == null ? "" : quickReply);
        if (text.isEmpty() && attachments.isEmpty() && location == null) {
            text = "[unsupported message]"; // is_unsupported: the customer wrote, the provider will not say what
        }
        MessageReceived data = MessageReceived.of(channel.id(), kind, mid, key, from, text, Instant.now(), at, attachments)
                .withLocation(location);
        if (quickReply != null) {
            data = data.withInteractive(new MessageReceived.Interactive(quickReply, text, "quick_reply", null));
        }
        messages.add(new Inbound<>(mid, ChannelEvents.MESSAGE_RECEIVED, key, data));
    }

    /**
     * The message's text, and what it carries besides: media (by its WhatsApp media id), a location
     * (with a place's name and address), a contact card, the button or list entry pressed (with its
     * type). Media, locations and contacts need no text of their own.
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
                String kind = i.path("type").asText();
                if (!i.has(kind) || !("button_reply".equals(kind) || "list_reply".equals(kind))) {
                    yield "[" + (kind.isEmpty() ? type : kind) + "]"; // a flow's answer, a product enquiry…: named only
                }
                JsonNode reply = i.path(kind);
                String title = reply.path("title").asText("");
                data = data.withInteractive(new MessageReceived.Interactive(reply.path("id").asText(), title, kind, null));
                // a list entry's description is what the customer saw under its title
                yield reply.hasNonNull("description") ? title + "\n" + reply.path("description").asText() : title;
            }
            case "button" -> { // a template's quick reply: the business's payload is the button's id
                JsonNode b = m.path("button");
                String title = b.path("text").asText("");
                data = data.withInteractive(new MessageReceived.Interactive(b.path("payload").asText(title), title, "button", null));
                yield title;
            }
            default -> "[" + type + "]";
        };
        return new MessageReceived(data.channelId(), data.channel(), data.providerMessageId(), data.conversationKey(), data.from(), null,
                null, text, null, null, null, data.receivedAt(), data.sentAt(), attachments, null, null, data.location(), data.interactive(),
                null, data.contact());
    }
}
