package io.pharos.commons.deadletter;

import java.time.Instant;
import java.util.List;

/** A dead letter with its original record (key, headers, payload), why it failed and what became of it. */
public record DeadLetter(long id, String channel, String consumerGroup, String topic, int partition, long offset, String key,
        List<DeadLetterHeader> headers, String payload, String tenant, String eventType, String eventId, String reason,
        String exceptionClass, Instant firstFailedAt, Instant lastFailedAt, int attempts, DeadLetterStatus status, String resolvedBy,
        Instant resolvedAt, String resolutionReason) {

    public DeadLetterRecord record() {
        return new DeadLetterRecord(key, payload, headers);
    }
}
