package io.pharos.ticket.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/sla/recompute}: recompute the SLA clocks of tickets created at or after {@code from}
 * and, when given, before {@code to}; each an ISO date (midnight in the tenant's default calendar's time zone) or instant.
 */
public record SlaRecomputeRequest(@NotBlank @Size(max = 40) String from, @Size(max = 40) String to) {
}
