package io.pharos.channel.model;

import org.eclipse.microprofile.graphql.Description;

/** The customer channels Pharos takes messages from (docs/architecture.md, "Channel webhooks"). */
@Description("The kind of a configured channel, as docs/architecture.md (Channel webhooks) names them")
public enum ChannelType {
    EMAIL, CHAT, SMS, WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM, FORM, PHONE
}
