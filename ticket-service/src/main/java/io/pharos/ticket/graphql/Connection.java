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
    public record Tickets(
            @Description("The tickets of this page") @NonNull List<@NonNull TicketEdge> edges,
            @Description("Where the page ends") @NonNull PageInfo pageInfo) {
    }

    @Name("TicketEdge")
    @Description("A ticket of a connection page, with its cursor")
    public record TicketEdge(
            @Description("Position of this ticket, for after") @NonNull String cursor,
            @Description("The ticket") @NonNull TicketNode node) {
    }

    @Name("CustomerConnection")
    @Description("A page of customers (Relay connection)")
    public record Customers(
            @Description("The customers of this page") @NonNull List<@NonNull CustomerEdge> edges,
            @Description("Where the page ends") @NonNull PageInfo pageInfo) {
    }

    @Name("CustomerEdge")
    @Description("A customer of a connection page, with its cursor")
    public record CustomerEdge(
            @Description("Position of this customer, for after") @NonNull String cursor,
            @Description("The customer") @NonNull CustomerNode node) {
    }

    @Name("PageInfo")
    @Shareable // every subgraph's connections page the same way
    @Description("Where a page of a connection ends and whether more follow (Relay)")
    public record PageInfo(
            @Description("Whether more edges follow") boolean hasNextPage,
            @Description("Cursor of the last edge: pass it as after for the next page") String endCursor) {
    }
}
