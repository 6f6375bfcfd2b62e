package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/** {@code POST /api/v1/tickets}; {@code createdAt} and message timestamps are for imports of history. */
public record CreateTicketRequest(
        @NotBlank @Size(max = 500) String subject,
        Channel channel,
        Priority priority,
        @NotNull @Valid IdentityInput requester,
        @Valid MessageInput message,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        Instant createdAt,
        @Size(max = 200) String externalId,
        @Size(max = 100) String team,
        @Size(max = 16) String language) {
}
