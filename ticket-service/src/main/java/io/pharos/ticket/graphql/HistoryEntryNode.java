package io.pharos.ticket.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.HistoryEntryDto;

@Name("HistoryEntry")
@Description("One recorded change of a ticket")
public record HistoryEntryNode(
        @NonNull Instant at,
        @NonNull @Description("Who: agent:<username>, customer:<id>, or system:<integration or component>") String actor,
        @NonNull @Description("What, e.g. ticket.created, ticket.status.changed, message.added") String action,
        @Description("The change as JSON: the values it set") String detail) {

    static HistoryEntryNode of(HistoryEntryDto entry) {
        return new HistoryEntryNode(entry.at(), entry.actor(), entry.action(), entry.detail() == null ? null : entry.detail().toString());
    }
}
