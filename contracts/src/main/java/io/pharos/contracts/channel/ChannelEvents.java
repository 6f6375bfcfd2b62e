package io.pharos.contracts.channel;

import java.util.List;

import io.pharos.contracts.EventType;
import io.pharos.contracts.Topics;

/** The events of the channel topics: messages in, messages out, what became of them. */
public final class ChannelEvents {

    public static final EventType<MessageReceived> MESSAGE_RECEIVED = new EventType<>("pharos.channel.message.received",
            Topics.CHANNEL_INBOUND, MessageReceived.class);
    public static final EventType<CallReceived> CALL_RECEIVED = new EventType<>("pharos.channel.call.received",
            Topics.CHANNEL_INBOUND, CallReceived.class);

    public static final EventType<MessageEdited> MESSAGE_EDITED = new EventType<>("pharos.channel.message.edited",
            Topics.CHANNEL_INBOUND, MessageEdited.class);
    public static final EventType<MessageReacted> MESSAGE_REACTED = new EventType<>("pharos.channel.message.reacted",
            Topics.CHANNEL_INBOUND, MessageReacted.class);

    public static final EventType<AttachmentReport> ATTACHMENT_STORED = new EventType<>("pharos.channel.attachment.stored",
            Topics.CHANNEL_INBOUND, AttachmentReport.class);
    public static final EventType<AttachmentReport> ATTACHMENT_FAILED = new EventType<>("pharos.channel.attachment.failed",
            Topics.CHANNEL_INBOUND, AttachmentReport.class);

    public static final EventType<MessageRequested> MESSAGE_REQUESTED = new EventType<>("pharos.channel.message.requested",
            Topics.CHANNEL_OUTBOUND, MessageRequested.class);

    public static final EventType<DeliveryReport> MESSAGE_DELIVERED = new EventType<>("pharos.channel.message.delivered",
            Topics.CHANNEL_DELIVERY, DeliveryReport.class);
    public static final EventType<DeliveryReport> MESSAGE_FAILED = new EventType<>("pharos.channel.message.failed",
            Topics.CHANNEL_DELIVERY, DeliveryReport.class);

    public static final EventType<MessageUndeliverable> MESSAGE_UNDELIVERABLE = new EventType<>("pharos.channel.message.undeliverable",
            Topics.deadLetters(Topics.CHANNEL_OUTBOUND), MessageUndeliverable.class);

    /** Every type of this family, for the catalog and the schema check. */
    public static final List<EventType<?>> ALL = List.of(MESSAGE_RECEIVED, CALL_RECEIVED, MESSAGE_EDITED, MESSAGE_REACTED, ATTACHMENT_STORED,
            ATTACHMENT_FAILED, MESSAGE_REQUESTED, MESSAGE_DELIVERED,
            MESSAGE_FAILED, MESSAGE_UNDELIVERABLE);

    private ChannelEvents() {
    }
}
