package io.pharos.commons.deadletter;

import java.time.Instant;

/** A dead letter in a list: where it came from and why, without the record itself (see GET /{id}). */
public record DeadLetterSummary(long id, String channel, String topic, int partition, long offset, String key, String tenant,
        String eventType, String eventId, String reason, String exceptionClass, Instant firstFailedAt, Instant lastFailedAt,
        int attempts, DeadLetterStatus status, String resolvedBy, Instant resolvedAt, String resolutionReason) {
}
