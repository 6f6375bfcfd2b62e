package io.pharos.ticket.graphql;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.service.ticket.TicketChangeFeed;
import io.pharos.ticket.service.ticket.TicketQueries;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The live inbox: ticket changes of the caller's tenant over graphql-ws, resumable by number. */
@GraphQLApi
public class TicketChangeGraphQLApi {

    private final TicketChangeFeed feed;
    private final TicketQueries tickets;
    private final TenantContext caller;

    public TicketChangeGraphQLApi(TicketChangeFeed feed, TicketQueries tickets, TenantContext caller) {
        this.feed = feed;
        this.tickets = tickets;
        this.caller = caller;
    }

    @Query("latestTicketChange")
    @RolesAllowed(Roles.AGENT)
    @Description("Number of your tenant's latest ticket change. Read it before loading your lists, then subscribe with "
            + "it as `since`: nothing that happens in between is lost.")
    public Uni<Long> latestTicketChange() {
        return feed.latest(caller.tenant());
    }

    @Subscription("ticketChanged")
    @RolesAllowed(Roles.AGENT)
    @Description("Changes of your tenant's tickets as they happen, optionally only those whose ticket matches the filter "
            + "after the change. With `since`, first replays every change numbered after it (fails with code "
            + "resync-required when those are older than the retention), then continues live.")
    public Multi<TicketChangeNode> ticketChanged(Inputs.TicketFilter filter,
            @Description("Last sequence number you received") Long since) {
        String tenant = caller.tenant();
        return feed.follow(tenant, since)
                .onItem().transformToUniAndConcatenate(change -> Isolated.run(() -> tickets.get(tenant, change.ticketId()))
                        .onFailure(ProblemException.class).recoverWithNull()
                        .map(ticket -> matches(filter, ticket)
                                ? new TicketChangeNode(change.sequence(), change.type(), change.ticketId(), change.occurredAt(),
                                        TicketNode.of(ticket), change.messageId(),
                                        change.deliveryStatus() == null ? null : DeliveryStatus.valueOf(change.deliveryStatus()))
                                : null))
                .select().where(node -> node != null);
    }

    static boolean matches(Inputs.TicketFilter filter, TicketDto ticket) {
        if (filter == null) {
            return true;
        }
        if (ticket == null) {
            return false;
        }
        return (filter.status() == null || filter.status() == ticket.status())
                && (filter.assigneeId() == null || filter.assigneeId().equals(ticket.assigneeId()))
                && (filter.team() == null || filter.team().equals(ticket.team()))
                && (filter.channel() == null || filter.channel() == ticket.channel())
                && (filter.tag() == null || ticket.tags().contains(filter.tag().toLowerCase(Locale.ROOT)))
                && (filter.search() == null
                        || ticket.subject().toLowerCase(Locale.ROOT).contains(filter.search().toLowerCase(Locale.ROOT)));
    }
}
