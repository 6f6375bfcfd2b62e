package io.pharos.channel.service.provider;

import static io.pharos.channel.service.provider.ProviderPayloads.array;
import static io.pharos.channel.service.provider.ProviderPayloads.id;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;

/** Telegram Bot API updates: messages, edits, reactions, inline buttons pressed. */
final class TelegramPayloads {

    /** Content a Telegram message can carry that we keep no details of: named, so the agent knows the customer sent something. */
    private static final List<String> TELEGRAM_OTHER = List.of("poll", "dice", "game", "story", "invoice", "giveaway", "paid_media");

    private TelegramPayloads() {
    }

    /** See {@link ProviderPayloads#telegram}. */
    static Inbound<?> parse(ChannelAccount channel, JsonNode update) {
        if (!update.isObject()) {
            throw new MalformedPayload("a Telegram update is a JSON object");
        }
        String updateId = id(update, "update_id", "a Telegram update");
        if (update.has("edited_message") || update.has("edited_business_message")) {
            return telegramEdit(channel, update.has("edited_message") ? update.path("edited_message") : update.path("edited_business_message"),
                    updateId);
        }
        if (update.has("message_reaction")) {
            return telegramReaction(channel, update.path("message_reaction"), updateId);
        }
        if (update.has("callback_query")) {
            return telegramButton(channel, update.path("callback_query"));
        }
        JsonNode message = update.has("message") ? update.path("message") : update.path("business_message");
        if (message.isMissingNode()) {
            return null; // member updates, polls, inline queries: nothing the customer wrote
        }
        String chat = id(message.path("chat"), "id", "a Telegram message's chat");
        String id = "telegram:" + chat + ":" + id(message, "message_id", "a Telegram message");
        Sender from = telegramSender(message.path("from"), chat);
        List<Attachment> attachments = telegramFiles(message);
        String text = message.path("text").asText(message.path("caption").asText(""));
        MessageReceived data = MessageReceived.of(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, from, text, Instant.now(),
                ProviderClock.epochSeconds(message.path("date"), Instant.now()), attachments).withLanguage(from.language());
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

    /** The customer, by their chat with the bot (what a reply goes to). */
    private static Sender telegramSender(JsonNode user, String chat) {
        String name = (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip();
        return new Sender(name.isEmpty() ? null : name, null, null, null, chat, null, null, null, user.path("language_code").asText(null));
    }

    /** The new text (or caption) of a message, at {@code edit_date}. */
    private static Inbound<MessageEdited> telegramEdit(ChannelAccount channel, JsonNode message, String updateId) {
        String chat = id(message.path("chat"), "id", "an edited Telegram message's chat");
        String id = "telegram:" + chat + ":" + id(message, "message_id", "an edited Telegram message");
        Instant editedAt = ProviderClock.epochSeconds(message.path("edit_date"), Instant.now());
        return new Inbound<>("telegram:update:" + updateId, ChannelEvents.MESSAGE_EDITED, "telegram:" + chat,
                new MessageEdited(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, telegramSender(message.path("from"), chat),
                        message.path("text").asText(message.path("caption").asText("")), editedAt));
    }

    /**
     * {@code MessageReactionUpdated}: the customer's reactions now ({@code new_reaction}); none left means they took
     * theirs back. Telegram sends it only when the webhook's {@code allowed_updates} lists {@code message_reaction}.
     */
    private static Inbound<MessageReacted> telegramReaction(ChannelAccount channel, JsonNode reaction, String updateId) {
        String chat = id(reaction.path("chat"), "id", "a Telegram reaction's chat");
        String id = "telegram:" + chat + ":" + id(reaction, "message_id", "a Telegram reaction");
        // an emoji first; a custom or paid reaction carries none of its own and is named by its type
        String emoji = null;
        for (JsonNode type : array(reaction, "new_reaction")) {
            if ("emoji".equals(type.path("type").asText()) && type.hasNonNull("emoji")) {
                emoji = type.path("emoji").asText();
                break;
            }
            emoji = emoji != null ? emoji : "[" + type.path("type").asText() + "]";
        }
        return new Inbound<>("telegram:update:" + updateId, ChannelEvents.MESSAGE_REACTED, "telegram:" + chat,
                new MessageReacted(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, telegramSender(reaction.path("user"), chat), emoji,
                        ProviderClock.epochSeconds(reaction.path("date"), Instant.now())));
    }

    /**
     * {@code CallbackQuery}: the customer pressed an inline button of a bot message. Its {@code data} is the button's
     * id; its label, found on the message's keyboard, is what the customer "said". Null for a game's button (no data).
     */
    private static Inbound<MessageReceived> telegramButton(ChannelAccount channel, JsonNode query) {
        String id = "telegram:callback:" + id(query, "id", "a Telegram callback query");
        JsonNode user = query.path("from");
        String chat = query.path("message").path("chat").hasNonNull("id") ? query.path("message").path("chat").path("id").asText()
                : id(user, "id", "a Telegram callback query's user");
        String data = query.path("data").asText("");
        if (data.isEmpty()) {
            return null;
        }
        String title = data;
        for (JsonNode row : array(query.path("message").path("reply_markup"), "inline_keyboard")) {
            for (JsonNode button : row) {
                if (data.equals(button.path("callback_data").asText(null))) {
                    title = button.path("text").asText(data);
                }
            }
        }
        Sender from = telegramSender(user, chat);
        MessageReceived message = MessageReceived.of(channel.id(), Channel.TELEGRAM, id, "telegram:" + chat, from, title, Instant.now(),
                Instant.now(), List.of()).withLanguage(from.language())
                .withInteractive(new MessageReceived.Interactive(data, title, "callback_query", null));
        return new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, "telegram:" + chat, message);
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
}
