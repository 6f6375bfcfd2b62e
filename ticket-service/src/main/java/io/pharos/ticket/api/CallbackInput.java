package io.pharos.ticket.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A call back to schedule: the agent who calls (an active agent of the tenant; absent: the agent scheduling it),
 * by when (within a year), and what about.
 */
public record CallbackInput(@Size(max = 200) String assigneeId, @NotNull Instant dueAt,
        @Size(max = 2000) String note) {
}
