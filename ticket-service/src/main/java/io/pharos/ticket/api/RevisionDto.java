package io.pharos.ticket.api;

import java.time.Instant;

/** A text a message had until the customer edited it at {@code replacedAt}. */
public record RevisionDto(String text, Instant replacedAt) {
}
