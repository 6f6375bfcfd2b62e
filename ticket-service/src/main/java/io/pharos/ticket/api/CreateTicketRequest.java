package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/**
 * {@code POST /api/v1/tickets} and GraphQL {@code createTicket}: a ticket of now, in server time ({@code createdAt} is
 * refused there, see {@link Live}); the import of history ({@link ImportedTicket}) and inbound channel messages give
 * it their own time.
 */
public record CreateTicketRequest(
        @NotBlank @Size(max = 500) String subject,
        Channel channel,
        Priority priority,
        @NotNull @Valid IdentityInput requester,
        @Valid MessageInput message,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        @Null(groups = Live.class, message = Live.NO_CLIENT_TIME) @Timestamps.Plausible Instant createdAt,
        @Size(max = 200) String externalId,
        @Size(max = 100) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String team,
        @Size(max = 16) String language) {
}
