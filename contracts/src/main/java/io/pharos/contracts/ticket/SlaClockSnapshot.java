package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

import io.pharos.contracts.Nullable;

/**
 * One SLA clock of a ticket and its outcome so far; analytics counts SLA compliance from these.
 *
 * @param policy the policy's name when the clock started
 * @param everBreached true once the clock was breached in any cycle
 */
public record SlaClockSnapshot(SlaTarget target, @Nullable UUID policyId, @Nullable String policy, SlaState state,
        @Nullable Instant dueAt, @Nullable Instant fulfilledAt, boolean everBreached, @Nullable Instant updatedAt) {
}
