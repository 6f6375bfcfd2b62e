package io.pharos.ticket.api;

import java.time.Instant;
import java.util.UUID;

/** A recomputation of SLA clocks and how far it got: {@code status} running, done or failed; {@code failed} tickets are counted in {@code done}; {@code to} null: no end. */
public record SlaRecomputeJob(UUID id, String status, int total, int done, int failed, Instant from, Instant to, Instant startedAt, Instant finishedAt) {
}
