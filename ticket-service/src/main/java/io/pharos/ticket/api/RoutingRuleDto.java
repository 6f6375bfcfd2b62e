package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Name;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

@Name("RoutingRule")
public record RoutingRuleDto(UUID id, String name, int position, boolean enabled, List<Channel> channels, List<String> languages,
        List<Priority> priorities, List<String> tags, List<String> customerTags, String team, List<String> requiredSkills,
        Instant createdAt, Instant updatedAt) {
}
