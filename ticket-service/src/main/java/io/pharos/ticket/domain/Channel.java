package io.pharos.ticket.domain;

/** Where a conversation came from (and where replies go); API for tickets created by integrators. */
public enum Channel {
    EMAIL, CHAT, SMS, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, FORM, PHONE, API
}
