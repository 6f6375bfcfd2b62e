package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of channel identity a customer can be recognised by. */
@Description("The kind of a customer identity: email address, phone number or an id on a messaging channel")
public enum IdentityType {
    EMAIL, PHONE, WHATSAPP, TELEGRAM, MESSENGER, INSTAGRAM, CHAT
}
