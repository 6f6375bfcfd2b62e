package io.pharos.channel.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A channel type this gateway takes in, where providers deliver it and how it is authenticated")
public record SupportedChannel(
        @Description("Kind of channel") @NonNull ChannelType type,
        @NonNull @Description("Path pattern of the inbound endpoint; {channelId} is the configured channel") String inboundPath,
        @NonNull @Description("How an inbound request proves it comes from the provider") String authenticity) {

    /** The inbound surface: one webhook path per kind of channel (channel-gateway/README.md). */
    public static final List<SupportedChannel> ALL = List.of(
            new SupportedChannel(ChannelType.EMAIL, "/webhooks/email/{channelId}", "HTTP Basic <channelId>:<secret>; or a polled IMAP mailbox"),
            new SupportedChannel(ChannelType.WHATSAPP, "/webhooks/meta/{channelId}", "X-Hub-Signature-256 (HMAC-SHA256 of the body)"),
            new SupportedChannel(ChannelType.MESSENGER, "/webhooks/meta/{channelId}", "X-Hub-Signature-256 (HMAC-SHA256 of the body)"),
            new SupportedChannel(ChannelType.INSTAGRAM, "/webhooks/meta/{channelId}", "X-Hub-Signature-256 (HMAC-SHA256 of the body)"),
            new SupportedChannel(ChannelType.SMS, "/webhooks/twilio/{channelId}", "X-Twilio-Signature (HMAC-SHA1 of URL and sorted parameters)"),
            new SupportedChannel(ChannelType.TELEGRAM, "/webhooks/telegram/{channelId}", "X-Telegram-Bot-Api-Secret-Token"),
            new SupportedChannel(ChannelType.FORM, "/api/v1/forms/{channelId}/submissions", "public, rate-limited per client address"),
            new SupportedChannel(ChannelType.PHONE, "/webhooks/voice/{channelId}", "X-Pharos-Signature (HMAC-SHA256 of the body)"),
            new SupportedChannel(ChannelType.CHAT, "/chat/{channelId}", "signed visitor token from POST /api/v1/chat/{channelId}/sessions"));
}
