package io.pharos.ticket.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/**
 * A JSON merge patch of a ticket: absent fields stay as they are; {@code assigneeId} and
 * {@code team} may be set to null explicitly to unassign, hence their "set" flags. The limits are
 * those of {@link CreateTicketRequest}: REST, GraphQL and every other caller are held to them
 * (TicketChanges validates), so a change can never grow a ticket (or its event) past what
 * creating it allows. An {@code assigneeId} must name an active agent of the tenant (422 {@code unknown-agent}).
 */
public record TicketPatch(@Size(max = 500) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String subject,
        TicketStatus status, Priority priority,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 16) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String language,
        @Size(max = 200) String assigneeId, boolean assigneeSet,
        @Size(max = 100) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String team, boolean teamSet) {
}
