package io.pharos.ticket.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One recorded change of a ticket: who did what, when, and the values it set. */
public record HistoryEntryDto(UUID ticketId, Instant at, String actor, String action, JsonNode detail) {
}
