package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.pharos.ticket.domain.Channel;

/**
 * One customer message as ticket-service threads it, whatever the channel: what it keeps of
 * channel-gateway's {@code pharos.channel.message.received} and {@code pharos.channel.call.received}.
 * {@code conversationKey} names the conversation on channels without threads (chat session, phone
 * or social identity).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(
        String channelId,
        Channel channel,
        String providerMessageId,
        String conversationKey,
        IdentityInput from,
        String subject,
        String text,
        String html,
        Email email,
        Instant receivedAt,
        List<Attachment> attachments,
        String language) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Email(String messageId, String inReplyTo, List<String> references) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String name, String contentType, Long size, String url) {
    }
}
