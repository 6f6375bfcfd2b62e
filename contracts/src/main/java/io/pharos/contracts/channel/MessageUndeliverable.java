package io.pharos.contracts.channel;

import io.pharos.contracts.CloudEvent;

/**
 * {@code pharos.channel.message.undeliverable}, on the outbound topic's dead letters: a request no
 * retry could deliver, with the reason and the request event as it arrived, for an operator.
 */
public record MessageUndeliverable(String reason, CloudEvent<MessageRequested> request) {
}
