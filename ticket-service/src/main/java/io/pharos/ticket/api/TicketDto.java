package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/**
 * A ticket as REST shows it (docs/api-conventions.md); its version is the ETag. {@code openedBy} is
 * {@code customer}, or {@code agent} for proactive outreach; absent on tickets from before it was recorded.
 */
public record TicketDto(UUID id, long number, String externalId, String subject, TicketStatus status,
        Priority priority, Channel channel, UUID requesterId, String assigneeId, String team, List<String> tags,
        String language, Instant createdAt, Instant updatedAt, Instant firstPublicReplyAt, Instant solvedAt,
        Instant closedAt, int reopenCount, @JsonIgnore long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) SlaStatusDto slaStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) AuthorKind openedBy) {

    public TicketDto withSla(SlaStatusDto sla) {
        return new TicketDto(id, number, externalId, subject, status, priority, channel, requesterId, assigneeId, team, tags,
                language, createdAt, updatedAt, firstPublicReplyAt, solvedAt, closedAt, reopenCount, version, sla, openedBy);
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
