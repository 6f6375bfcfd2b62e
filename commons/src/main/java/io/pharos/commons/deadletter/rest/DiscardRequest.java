package io.pharos.commons.deadletter.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a dead letter is given up: kept in the row and the audit log. */
public record DiscardRequest(@NotBlank @Size(max = 2000) String reason) {
}
