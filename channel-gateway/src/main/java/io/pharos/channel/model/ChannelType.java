package io.pharos.channel.model;

/** The customer channels Pharos takes messages from (CONTRACTS.md, "Channel webhooks"). */
public enum ChannelType {
    EMAIL, CHAT, SMS, WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM, FORM, PHONE
}
