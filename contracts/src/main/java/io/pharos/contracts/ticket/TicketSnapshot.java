package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/**
 * The ticket as it stands after the change an event reports: every ticket event carries it, so a
 * consumer never calls ticket-service back.
 *
 * @param assigneeId the agent's Keycloak user id
 * @param tags lower-case, sorted
 * @param firstPublicReplyAt the first public agent reply: the end of first response time
 * @param openedBy who opened the ticket: {@code customer}, or {@code agent} for proactive outreach
 *        (no first response is owed); absent on tickets from before it was recorded
 */
public record TicketSnapshot(UUID id, long number, @Nullable String externalId, String subject, TicketStatus status,
        Priority priority, Channel channel, UUID requesterId, @Nullable String assigneeId, @Nullable String team,
        List<String> tags, @Nullable String language, Instant createdAt, Instant updatedAt, @Nullable Instant firstPublicReplyAt,
        @Nullable Instant firstSolvedAt, @Nullable Instant solvedAt, @Nullable Instant closedAt, int reopenCount,
        @Nullable AuthorKind openedBy) {

    /** A snapshot that does not say who opened the ticket. */
    public TicketSnapshot(UUID id, long number, String externalId, String subject, TicketStatus status, Priority priority, Channel channel,
            UUID requesterId, String assigneeId, String team, List<String> tags, String language, Instant createdAt, Instant updatedAt,
            Instant firstPublicReplyAt, Instant firstSolvedAt, Instant solvedAt, Instant closedAt, int reopenCount) {
        this(id, number, externalId, subject, status, priority, channel, requesterId, assigneeId, team, tags, language, createdAt, updatedAt,
                firstPublicReplyAt, firstSolvedAt, solvedAt, closedAt, reopenCount, null);
    }
}
