package io.pharos.ticket.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/**
 * An SLA policy: conditions (empty = any; tags and customer tags match when one is present),
 * targets in minutes (business or calendar time), the warning share and what a breach escalates.
 */
@Description("An SLA policy to create or replace")
@Input("SlaPolicyInput") // not SmallRye's default "SlaPolicyInputInput"
public record SlaPolicyInput(
        @Description("Name shown to agents on the ticket") @NotBlank @Size(max = 200) String name,
        @Description("Order in which policies are tried, lowest first") @Min(0) @Max(10_000) Integer position,
        @Description("Whether it applies") Boolean enabled,
        @Description("Applies to these priorities only (empty: any)") List<Priority> priorities,
        @Description("Applies to these channels only (empty: any)") List<Channel> channels,
        @Description("Applies when the ticket has one of these tags (empty: any)") List<@Size(max = 100) String> tags,
        @Description("Applies when the customer has one of these tags (empty: any)") List<@Size(max = 100) String> customerTags,
        @Description("Business hours it counts in; the default calendar when null") UUID calendarId,
        @Description("Target for the first public reply") @Valid Target firstResponse,
        @Description("Target for each later reply") @Valid Target nextReply,
        @Description("Target for solving (paused while pending or on hold)") @Valid Target resolution,
        @Description("Share of a target elapsed when the clock warns") @Min(1) @Max(99) Integer warnAtPercent,
        @Description("What a breach does") @Valid Escalation escalation) {

    /** {@code sameBusinessDay}: due at the close of the business day the ticket arrives in (phone callbacks). */
    @Type("SlaTargetSpec")
    @Input("SlaTargetSpecInput")
    @Description("A target duration, counted in business hours or around the clock")
    public record Target(
            @Description("Target duration") @Min(1) @Max(525_600) Integer minutes,
            @Description("Count business hours only (true) or around the clock") Boolean businessHours,
            @Description("Due by the end of the business day it started in") Boolean sameBusinessDay) {
    }

    @Type("SlaEscalation")
    @Input("SlaEscalationInput")
    @Description("What happens when a target is breached")
    public record Escalation(
            @Description("Raise the ticket's priority one step") Boolean raisePriority,
            @Description("Move the ticket to this team's queue") @Size(max = 100) String team,
            @Description("Tell the team's supervisors") Boolean notifySupervisors) {
    }
}
