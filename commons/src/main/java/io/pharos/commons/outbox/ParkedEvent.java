package io.pharos.commons.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An outbox row the relay could not publish, as the platform administrator sees it.
 *
 * @param id the original outbox id: a replay puts the row back under it, ahead of the rows that wait
 * @param waiting rows of the same aggregate held back behind this one (only while it is parked)
 * @param payload the whole CloudEvent; only in the single-row view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParkedEvent(long id, UUID eventId, String tenant, String topic, String key, String type, int size, String error,
        int attempts, Instant firstTry, Instant lastTry, Status status, long waiting, String resolvedBy, Instant resolvedAt,
        String reason, String payload) {

    public enum Status {
        PARKED, REPLAYED, DISCARDED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
