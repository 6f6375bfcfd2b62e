package io.pharos.contracts.channel;

import java.time.Instant;
import java.util.List;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.message.received}: one customer message, normalised whatever the channel.
 * ticket-service turns it into a ticket message; it ignores a {@code providerMessageId} it has seen.
 *
 * @param conversationKey the conversation on channels without threads (chat session, phone or social
 *        identity, form submission); absent for email, which threads by its headers
 * @param to the address written to (email)
 * @param quotedText the earlier messages the customer quoted (email)
 * @param sentAt when the customer sent it, as the provider says; absent when unknown
 * @param attachments absent for channels that carry none (forms)
 * @param replyTo the provider id of the message this one answers (WhatsApp)
 * @param contact a contact card the customer shared (WhatsApp, Telegram)
 */
public record MessageReceived(String channelId, Channel channel, String providerMessageId, @Nullable String conversationKey,
        Sender from, @Nullable String to, @Nullable String subject, String text, @Nullable String quotedText, @Nullable String html,
        @Nullable EmailHeaders email, Instant receivedAt, @Nullable Instant sentAt, @Nullable List<Attachment> attachments,
        @Nullable String language, @Nullable String replyTo, @Nullable Location location, @Nullable Interactive interactive,
        @Nullable ChatTurn chat, @Nullable Contact contact) {

    /** The RFC 5322 threading headers of an email. */
    public record EmailHeaders(@Nullable String messageId, @Nullable String inReplyTo, List<String> references) {
    }

    /** A location the customer shared; a place's {@code name} and {@code address} when the provider gives them. */
    public record Location(double latitude, double longitude, @Nullable String name, @Nullable String address) {

        public Location(double latitude, double longitude) {
            this(latitude, longitude, null, null);
        }
    }

    /** A contact card the customer shared: who, and how to reach them. */
    public record Contact(String name, @Nullable List<String> phones, @Nullable List<String> emails, @Nullable String organization) {
    }

    /** As before {@code contact} existed. */
    public MessageReceived(String channelId, Channel channel, String providerMessageId, String conversationKey, Sender from, String to,
            String subject, String text, String quotedText, String html, EmailHeaders email, Instant receivedAt, Instant sentAt,
            List<Attachment> attachments, String language, String replyTo, Location location, Interactive interactive, ChatTurn chat) {
        this(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email, receivedAt, sentAt,
                attachments, language, replyTo, location, interactive, chat, null);
    }

    /** The button or list entry the customer pressed. */
    public record Interactive(String id, String title) {
    }

    /** Where the message sits in a live chat session; {@code offline} when no agent was online as it started. */
    public record ChatTurn(String sessionId, int seq, boolean offline) {
    }

    /** A message with only the fields every channel has; the channel's own ones are added with the withers. */
    public static MessageReceived of(String channelId, Channel channel, String providerMessageId, String conversationKey, Sender from,
            String text, Instant receivedAt, Instant sentAt, List<Attachment> attachments) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, null, null, text, null, null, null,
                receivedAt, sentAt, attachments, null, null, null, null, null, null);
    }

    public MessageReceived withSubject(String subject) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withLanguage(String language) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withReplyTo(String replyTo) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withLocation(Location location) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withInteractive(Interactive interactive) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withChat(ChatTurn chat) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withContact(Contact contact) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }

    public MessageReceived withText(String text) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact);
    }
}
