package io.pharos.commons.deadletter.store;

import java.time.Instant;
import java.util.List;

import io.pharos.commons.deadletter.DeadLetterHeader;

/** A failed record about to be parked. */
public record NewDeadLetter(String channel, String consumerGroup, String topic, int partition, long offset, String key,
        List<DeadLetterHeader> headers, byte[] payload, String tenant, String eventType, String eventId, String reason,
        String exceptionClass, Instant failedAt) {
}
