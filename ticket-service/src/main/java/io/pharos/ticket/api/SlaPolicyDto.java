package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Name;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;

/** A stored policy; also the data of {@code pharos.sla.policy.updated}. */
@Name("SlaPolicy")
public record SlaPolicyDto(UUID id, String name, int position, boolean enabled, List<Priority> priorities, List<Channel> channels,
        List<String> tags, List<String> customerTags, UUID calendarId, SlaPolicyInput.Target firstResponse,
        SlaPolicyInput.Target nextReply, SlaPolicyInput.Target resolution, int warnAtPercent, SlaPolicyInput.Escalation escalation,
        Instant createdAt, Instant updatedAt, @JsonIgnore long version) {
}
