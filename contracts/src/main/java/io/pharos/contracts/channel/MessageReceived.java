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
 * @param forwarded the message the customer forwarded (email); {@code text} is then their own note above it
 */
public record MessageReceived(String channelId, Channel channel, String providerMessageId, @Nullable String conversationKey,
        Sender from, @Nullable String to, @Nullable String subject, String text, @Nullable String quotedText, @Nullable String html,
        @Nullable EmailHeaders email, Instant receivedAt, @Nullable Instant sentAt, @Nullable List<Attachment> attachments,
        @Nullable String language, @Nullable String replyTo, @Nullable Location location, @Nullable Interactive interactive,
        @Nullable ChatTurn chat, @Nullable Contact contact, @Nullable Forwarded forwarded) {

    /** As before {@code forwarded} existed. */
    public MessageReceived(String channelId, Channel channel, String providerMessageId, String conversationKey, Sender from, String to,
            String subject, String text, String quotedText, String html, EmailHeaders email, Instant receivedAt, Instant sentAt,
            List<Attachment> attachments, String language, String replyTo, Location location, Interactive interactive, ChatTurn chat,
            Contact contact) {
        this(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email, receivedAt, sentAt,
                attachments, language, replyTo, location, interactive, chat, contact, null);
    }

    /**
     * The RFC 5322 headers of an email that say how it threads and who else takes part.
     *
     * @param cc the other recipients the customer copied (Cc), ourselves excluded
     * @param replyTo where the customer asks answers to go (Reply-To), when not to From
     */
    public record EmailHeaders(@Nullable String messageId, @Nullable String inReplyTo, List<String> references,
            @Nullable List<Mailbox> cc, @Nullable List<Mailbox> replyTo) {

        /** As before {@code cc} and {@code replyTo} existed. */
        public EmailHeaders(String messageId, String inReplyTo, List<String> references) {
            this(messageId, inReplyTo, references, null, null);
        }
    }

    /** A mail address with the display name it came with. */
    public record Mailbox(@Nullable String name, String address) {
    }

    /**
     * A message the customer forwarded, below their own note ({@code text}): who wrote it, when, about what.
     *
     * @param date as the forwarded header block states it, when it could be read
     */
    public record Forwarded(@Nullable Mailbox from, @Nullable Instant date, @Nullable String subject, String text) {
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

    /**
     * The button, list entry or quick reply the customer pressed.
     *
     * @param type as the provider names it: {@code button_reply}, {@code list_reply} (WhatsApp interactive), {@code button}
     *        (a WhatsApp template's quick reply), {@code quick_reply}, {@code postback} (Messenger, Instagram),
     *        {@code callback_query} (Telegram)
     * @param payload what the business attached to the button, when it differs from {@code id}
     */
    public record Interactive(String id, String title, @Nullable String type, @Nullable String payload) {

        public Interactive(String id, String title) {
            this(id, title, null, null);
        }
    }

    /** Where the message sits in a live chat session; {@code offline} when no agent was online as it started. */
    public record ChatTurn(String sessionId, int seq, boolean offline) {
    }

    /** A message with only the fields every channel has; the channel's own ones are added with the withers. */
    public static MessageReceived of(String channelId, Channel channel, String providerMessageId, String conversationKey, Sender from,
            String text, Instant receivedAt, Instant sentAt, List<Attachment> attachments) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, null, null, text, null, null, null,
                receivedAt, sentAt, attachments, null, null, null, null, null, null, null);
    }

    public MessageReceived withSubject(String subject) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withLanguage(String language) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withReplyTo(String replyTo) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withLocation(Location location) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withInteractive(Interactive interactive) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withChat(ChatTurn chat) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withContact(Contact contact) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withText(String text) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }

    public MessageReceived withForwarded(Forwarded forwarded) {
        return new MessageReceived(channelId, channel, providerMessageId, conversationKey, from, to, subject, text, quotedText, html, email,
                receivedAt, sentAt, attachments, language, replyTo, location, interactive, chat, contact, forwarded);
    }
}
