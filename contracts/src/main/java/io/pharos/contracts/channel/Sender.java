package io.pharos.contracts.channel;

import io.pharos.contracts.Nullable;

/**
 * Who wrote, as the channel knows them: a name when the channel tells it, and their address on
 * that channel (only the one that applies is set).
 *
 * @param claimed true when {@code email} and {@code phone} are only what a visitor typed (live chat, web
 *        forms): nobody proved them, so they must not identify an existing customer until verified.
 *        Absent or false: the channel proves every address it sets (an email's From, a WhatsApp
 *        wa_id, a Twilio From, a Telegram user id, a Messenger PSID); the {@code chat} session id is
 *        always proven (it comes from channel-gateway's signed visitor token).
 */
public record Sender(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String whatsapp,
        @Nullable String telegram, @Nullable String messenger, @Nullable String instagram, @Nullable String chat,
        @Nullable String language, @Nullable Boolean claimed) {

    /** As before {@code claimed} existed: every address proven by the channel. */
    public Sender(String name, String email, String phone, String whatsapp, String telegram, String messenger, String instagram,
            String chat, String language) {
        this(name, email, phone, whatsapp, telegram, messenger, instagram, chat, language, null);
    }

    /** The same sender, its email and phone marked as unproven claims. */
    public Sender asClaimed() {
        return new Sender(name, email, phone, whatsapp, telegram, messenger, instagram, chat, language, true);
    }

    /** Whether email and phone are unproven claims. */
    public boolean addressesClaimed() {
        return Boolean.TRUE.equals(claimed);
    }

    /** Whether the channel names at least one address the customer can be told apart and answered by. */
    public boolean addressed() {
        return java.util.stream.Stream.of(email, phone, whatsapp, telegram, messenger, instagram, chat)
                .anyMatch(a -> a != null && !a.isBlank());
    }

    public static Sender email(String name, String email) {
        return new Sender(name, email, null, null, null, null, null, null, null);
    }

    public static Sender phone(String name, String phone) {
        return new Sender(name, null, phone, null, null, null, null, null, null);
    }
}
