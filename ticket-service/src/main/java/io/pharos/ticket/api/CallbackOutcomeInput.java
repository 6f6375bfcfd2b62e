package io.pharos.ticket.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Callback;

/** How a call back went, with what the agent wants to remember of it. */
public record CallbackOutcomeInput(@NotNull Callback.Outcome outcome, @Size(max = 2000) String note) {
}
