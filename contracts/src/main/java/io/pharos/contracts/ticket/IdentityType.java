package io.pharos.contracts.ticket;

/** The kind of a customer identity; lower-case on the wire ({@code email}). */
public enum IdentityType {
    EMAIL, PHONE, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, CHAT
}
