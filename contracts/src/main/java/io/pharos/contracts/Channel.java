package io.pharos.contracts;

/** The channel a conversation happens on; lower-case on the wire ({@code whatsapp}). */
public enum Channel {
    EMAIL, CHAT, SMS, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, FORM, PHONE, API;

    /** The constant of any enum with the same name (the services' own channel enums). */
    public static Channel of(Enum<?> same) {
        return same == null ? null : valueOf(same.name());
    }
}
