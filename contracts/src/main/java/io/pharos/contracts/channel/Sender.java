package io.pharos.contracts.channel;

import io.pharos.contracts.Nullable;

/**
 * Who wrote, as the channel knows them: a name when the channel tells it, and their address on
 * that channel (only the one that applies is set).
 */
public record Sender(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String whatsapp,
        @Nullable String telegram, @Nullable String messenger, @Nullable String instagram, @Nullable String chat,
        @Nullable String language) {

    public static Sender email(String name, String email) {
        return new Sender(name, email, null, null, null, null, null, null, null);
    }

    public static Sender phone(String name, String phone) {
        return new Sender(name, null, phone, null, null, null, null, null, null);
    }
}
