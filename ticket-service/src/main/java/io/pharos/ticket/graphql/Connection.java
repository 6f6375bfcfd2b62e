package io.pharos.ticket.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

/** Relay connection types. */
final class Connection {

    private Connection() {
    }

    @Name("TicketConnection")
    @Description("A page of tickets (Relay connection)")
    public record Tickets(@NonNull List<@NonNull TicketEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Name("TicketEdge")
    public record TicketEdge(@NonNull String cursor, @NonNull TicketNode node) {
    }

    @Name("PageInfo")
    @Shareable // every subgraph's connections page the same way
    public record PageInfo(boolean hasNextPage, String endCursor) {
    }
}
