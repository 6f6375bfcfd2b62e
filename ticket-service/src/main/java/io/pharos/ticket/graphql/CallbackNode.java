package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.CallbackDto;
import io.pharos.ticket.domain.Callback;

@Name("Callback")
@Description("A call back to a ticket's caller, assigned to an agent, and how it went")
public record CallbackNode(
        @Description("Callback id") @Id @NonNull UUID id,
        @Description("The ticket it belongs to") @Id @NonNull UUID ticketId,
        @Description("The agent who calls") @NonNull String assigneeId,
        @Description("By when to call") @NonNull Instant dueAt,
        @Description("What the call is about") String note,
        @Description("OPEN until the outcome is recorded, then DONE") @NonNull Callback.Status status,
        @Description("How the call went, once made") Callback.Outcome outcome,
        @Description("What the agent noted about the call") String outcomeNote,
        @Description("When it was scheduled") @NonNull Instant createdAt,
        @Description("When its outcome was recorded") Instant completedAt) {

    static CallbackNode of(CallbackDto c) {
        return new CallbackNode(c.id(), c.ticketId(), c.assigneeId(), c.dueAt(), c.note(), c.status(), c.outcome(), c.outcomeNote(),
                c.createdAt(), c.completedAt());
    }
}
