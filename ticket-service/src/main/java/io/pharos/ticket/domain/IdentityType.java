package io.pharos.ticket.domain;

/** The kinds of channel identity a customer can be recognised by. */
public enum IdentityType {
    EMAIL, PHONE, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, CHAT
}
