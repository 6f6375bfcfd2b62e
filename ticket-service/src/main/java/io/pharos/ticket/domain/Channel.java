package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** Where a conversation came from (and where replies go); API for tickets created by integrators. */
@Description("Where a conversation happens: email, live chat, SMS, WhatsApp, social messages, web forms, phone, API")
public enum Channel {
    EMAIL, CHAT, SMS, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, FORM, PHONE, API
}
