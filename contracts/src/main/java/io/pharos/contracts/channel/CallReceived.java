package io.pharos.contracts.channel;

import java.time.Instant;
import java.util.List;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * {@code pharos.channel.call.received}: a phone call that needs an answer (missed, voicemail,
 * callback request), told as a message so that ticket-service handles it like one.
 *
 * @param channel always {@code phone}
 * @param text what happened, for the agent ("Missed call from …", the voicemail's transcript)
 * @param attachments the voicemail's recording; absent when there is none
 */
public record CallReceived(String channelId, Channel channel, String providerMessageId, String conversationKey, Sender from,
        String subject, String text, Instant receivedAt, Instant sentAt, Call call, @Nullable List<Attachment> attachments) {

    public enum Event {
        MISSED, VOICEMAIL, CALLBACK
    }

    /** The call as the telephony provider reported it. */
    public record Call(Event event, String callId, int durationSeconds) {
    }
}
