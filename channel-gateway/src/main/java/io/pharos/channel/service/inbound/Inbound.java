package io.pharos.channel.service.inbound;

import io.pharos.contracts.EventType;

/**
 * One customer message (or call) a provider handed us, ready to publish: its id at the provider
 * (what retries are recognised by), its event type, the conversation it belongs to (the Kafka key)
 * and the event's data.
 */
public record Inbound<T>(String providerMessageId, EventType<T> type, String conversationKey, T data) {
}
