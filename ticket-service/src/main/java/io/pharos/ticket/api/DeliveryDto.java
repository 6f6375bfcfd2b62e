package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import io.pharos.ticket.domain.DeliveryStatus;

/**
 * Where an agent's public reply stands with its channel: the current status with the provider's
 * code, reason and the address that failed, and every status reported, oldest first.
 */
public record DeliveryDto(DeliveryStatus status, String code, String reason, String recipient, Instant updatedAt,
        List<DeliveryStepDto> history) {

    /** One status the provider reported, when it says it happened. */
    public record DeliveryStepDto(DeliveryStatus status, String code, String reason, Instant at) {
    }
}
