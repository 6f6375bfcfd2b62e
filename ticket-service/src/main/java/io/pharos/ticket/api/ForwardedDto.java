package io.pharos.ticket.api;

import java.time.Instant;

/** A message the customer forwarded, below their own note: who wrote it, when, about what, and its text. */
public record ForwardedDto(String fromName, String fromAddress, Instant date, String subject, String text) {
}
