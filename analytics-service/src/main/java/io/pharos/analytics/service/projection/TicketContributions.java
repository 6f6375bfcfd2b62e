package io.pharos.analytics.service.projection;

import static io.pharos.analytics.service.projection.Groups.NO_TEAM;
import static io.pharos.analytics.service.projection.Groups.UNASSIGNED;
import static io.pharos.analytics.service.projection.Groups.UNKNOWN_CHANNEL;
import static io.pharos.analytics.service.projection.Groups.orElse;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.model.Contributions;
import io.pharos.analytics.repository.CalendarRepository;
import io.pharos.analytics.repository.RollupRepository;
import io.pharos.analytics.repository.TicketFactRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Keeps what each ticket adds to the rollups in step with its facts: recomputed from all of them, swapped in whole. */
@ApplicationScoped
public class TicketContributions {

    private final TicketFactRepository tickets;
    private final CalendarRepository calendars;
    private final RollupRepository rollups;

    public TicketContributions(TicketFactRepository tickets, CalendarRepository calendars, RollupRepository rollups) {
        this.tickets = tickets;
        this.calendars = calendars;
        this.rollups = rollups;
    }

    /** Recomputes what the ticket adds to the rollups from all its facts, and swaps it in. */
    public Uni<Void> recompute(SqlConnection c, String tenant, UUID ticketId) {
        return tickets.facts(c, ticketId).flatMap(facts -> facts == null ? Uni.createFrom().voidItem()
                : calendars.defaultCalendar(c, tenant).flatMap(calendar -> rollups.replace(c, tenant, ticketId, Contributions.of(facts.ticket(), calendar),
                        orElse(facts.channel(), UNKNOWN_CHANNEL), orElse(facts.team(), NO_TEAM), orElse(facts.assignee(), UNASSIGNED))));
    }

    /** Every ticket of the tenant (business times follow its calendar). */
    public Uni<Void> recomputeAll(SqlConnection c, String tenant) {
        // one after the other as a stream: a chain of one flatMap per ticket overflows the stack at some ten thousand tickets
        return tickets.ticketIds(c, tenant).onItem().transformToUniAndConcatenate(id -> recompute(c, tenant, id)).collect().last().replaceWithVoid();
    }
}
