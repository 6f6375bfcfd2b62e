package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;

/** The customer channels Pharos takes messages from (CONTRACTS.md, "Channel webhooks"). */
@Description("The kind of a configured channel, as CONTRACTS.md names them")
public enum ChannelType {
    EMAIL, CHAT, SMS, WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM, FORM, PHONE
}
