package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/** A stored policy; also the data of {@code pharos.sla.policy.updated}. */
@Name("SlaPolicy")
@Description("Targets for tickets that match its conditions; the first enabled matching policy by position applies")
public record SlaPolicyDto(
        @Description("Policy id") UUID id,
        @Description("Name shown to agents on the ticket") String name,
        @Description("Order in which policies are tried, lowest first") int position,
        @Description("Whether it applies") boolean enabled,
        @Description("Applies to these priorities only (empty: any)") List<Priority> priorities,
        @Description("Applies to these channels only (empty: any)") List<Channel> channels,
        @Description("Applies when the ticket has one of these tags (empty: any)") List<String> tags,
        @Description("Applies when the customer has one of these tags (empty: any)") List<String> customerTags,
        @Description("Business hours it counts in; the default calendar when null") UUID calendarId,
        @Description("Target for the first public reply") SlaPolicyInput.Target firstResponse,
        @Description("Target for each later reply") SlaPolicyInput.Target nextReply,
        @Description("Target for solving (paused while pending or on hold)") SlaPolicyInput.Target resolution,
        @Description("Share of a target elapsed when the clock warns") int warnAtPercent,
        @Description("What a breach does") SlaPolicyInput.Escalation escalation,
        Instant createdAt,
        Instant updatedAt,
        @JsonIgnore long version) {
}
