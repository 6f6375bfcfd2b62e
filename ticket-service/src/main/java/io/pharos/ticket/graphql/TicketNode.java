package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;
import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

@Name("Ticket")
@Key(fields = @FieldSet("id"))
@Description("A customer's request and the conversation about it. Owned by ticket-service.")
public record TicketNode(
        @Description("Ticket id") @Id @NonNull UUID id,
        @Description("Per-tenant number shown to people, e.g. 1042 for #1042") long number,
        @Description("The ticket's id in an integrator's system") String externalId,
        @Description("Subject line") @NonNull String subject,
        @Description("Place in the workflow") @NonNull TicketStatus status,
        @Description("How urgent it is") @NonNull Priority priority,
        @NonNull @Description("Channel the conversation started on") Channel channel,
        @Description("Tags") @NonNull List<@NonNull String> tags,
        @Description("Team whose queue holds it") String team,
        @Description("Language of the conversation (ISO 639-1)") String language,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt,
        @Description("First public reply by a human agent") Instant firstPublicReplyAt,
        Instant solvedAt,
        Instant closedAt,
        @Description("Times the customer came back after a solve") int reopenCount,
        @Description("Optimistic-locking version; pass it as expectedVersion to refuse stale edits") long version,
        @Description("Who opened it: CUSTOMER, or AGENT for proactive outreach (no first response is owed); null on tickets from "
                + "before it was recorded") AuthorKind openedBy,
        @Ignore UUID requesterId,
        @Ignore String assigneeId) {

    static TicketNode of(TicketDto t) {
        return t == null ? null : new TicketNode(t.id(), t.number(), t.externalId(), t.subject(), t.status(), t.priority(),
                t.channel(), t.tags(), t.team(), t.language(), t.createdAt(), t.updatedAt(), t.firstPublicReplyAt(),
                t.solvedAt(), t.closedAt(), t.reopenCount(), t.version(), t.openedBy(), t.requesterId(), t.assigneeId());
    }
}
