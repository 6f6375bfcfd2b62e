package io.pharos.ticket.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/** A routing rule: conditions (empty = any; tags match when one is present) send a ticket to a team, asking for skills. */
public record RoutingRuleInput(
        @NotBlank @Size(max = 200) String name,
        @Min(0) @Max(10_000) Integer position,
        Boolean enabled,
        List<Channel> channels,
        List<@Size(max = 10) String> languages,
        List<Priority> priorities,
        List<@Size(max = 100) String> tags,
        List<@Size(max = 100) String> customerTags,
        @NotBlank @Size(max = 100) String team,
        List<@Size(max = 100) String> requiredSkills) {
}
