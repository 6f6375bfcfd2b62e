package io.pharos.ticket.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/**
 * An SLA policy: conditions (empty = any; tags and customer tags match when one is present),
 * targets in minutes (business or calendar time), the warning share and what a breach escalates.
 */
public record SlaPolicyInput(
        @NotBlank @Size(max = 200) String name,
        @Min(0) @Max(10_000) Integer position,
        Boolean enabled,
        List<Priority> priorities,
        List<Channel> channels,
        List<@Size(max = 100) String> tags,
        List<@Size(max = 100) String> customerTags,
        UUID calendarId,
        @Valid Target firstResponse,
        @Valid Target nextReply,
        @Valid Target resolution,
        @Min(1) @Max(99) Integer warnAtPercent,
        @Valid Escalation escalation) {

    /** {@code sameBusinessDay}: due at the close of the business day the ticket arrives in (phone callbacks). */
    @Type("SlaTargetSpec")
    @Input("SlaTargetSpecInput")
    public record Target(@Min(1) @Max(525_600) Integer minutes, Boolean businessHours, Boolean sameBusinessDay) {
    }

    @Type("SlaEscalation")
    @Input("SlaEscalationInput")
    public record Escalation(Boolean raisePriority, @Size(max = 100) String team, Boolean notifySupervisors) {
    }
}
