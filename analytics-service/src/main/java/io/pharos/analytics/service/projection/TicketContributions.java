package io.pharos.analytics.service.projection;

import static io.pharos.analytics.service.projection.Groups.NO_TEAM;
import static io.pharos.analytics.service.projection.Groups.UNASSIGNED;
import static io.pharos.analytics.service.projection.Groups.UNKNOWN_CHANNEL;
import static io.pharos.analytics.service.projection.Groups.orElse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.model.Contributions;
import io.pharos.analytics.repository.CalendarRepository;
import io.pharos.analytics.repository.RollupRepository;
import io.pharos.analytics.repository.RollupRepository.Replacement;
import io.pharos.analytics.repository.TicketFactRepository;
import io.pharos.commons.time.BusinessCalendar;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Keeps what each ticket adds to the rollups in step with its facts: recomputed from all of them, swapped in whole. */
@ApplicationScoped
public class TicketContributions {

    /** Tickets whose rollup changes a full recomputation writes together. */
    static final int CHUNK = 1000;

    private final TicketFactRepository tickets;
    private final CalendarRepository calendars;
    private final RollupRepository rollups;

    public TicketContributions(TicketFactRepository tickets, CalendarRepository calendars, RollupRepository rollups) {
        this.tickets = tickets;
        this.calendars = calendars;
        this.rollups = rollups;
    }

    /** Recomputes what each ticket the batch changed adds to the rollups, once per ticket after all its events. */
    public Uni<Void> recomputeChanged(ProjectionBatch batch) {
        Map<UUID, String> changed = batch.changedTickets();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SqlConnection c = batch.connection();
        Map<String, BusinessCalendar> calendarOf = new HashMap<>();
        return Multi.createFrom().iterable(new TreeSet<>(changed.values()))
                .onItem().transformToUniAndConcatenate(tenant -> calendars.defaultCalendar(c, tenant).invoke(cal -> calendarOf.put(tenant, cal)))
                .collect().last()
                .flatMap(v -> recompute(batch, changed, calendarOf));
    }

    /**
     * Every ticket of the tenant (business times follow its calendar), in chunks whose rollup changes
     * are written before the next: a tenant may have a million tickets.
     */
    public Uni<Void> recomputeAll(ProjectionBatch batch, String tenant) {
        SqlConnection c = batch.connection();
        return calendars.defaultCalendar(c, tenant).flatMap(calendar -> tickets.ticketIds(c, tenant).group().intoLists().of(CHUNK)
                // a stream, not a chain of one flatMap per chunk
                .onItem().transformToUniAndConcatenate(ids -> {
                    Map<UUID, String> chunk = new LinkedHashMap<>();
                    ids.forEach(id -> chunk.put(id, tenant));
                    return recompute(batch, chunk, Map.of(tenant, calendar)).flatMap(v -> batch.rollups().flush(c)).replaceWith(ids);
                })
                .collect().last().replaceWithVoid());
    }

    /** Recomputes what the tickets (id → tenant) add to the rollups from all their facts, and swaps it in. */
    private Uni<Void> recompute(ProjectionBatch batch, Map<UUID, String> tenantOf, Map<String, BusinessCalendar> calendarOf) {
        SqlConnection c = batch.connection();
        List<UUID> ids = new ArrayList<>(tenantOf.keySet());
        return tickets.facts(c, ids).flatMap(facts -> {
            List<Replacement> replacements = new ArrayList<>();
            for (UUID id : ids) {
                TicketFactRepository.Facts f = facts.get(id); // none until its created event has arrived
                if (f != null) {
                    String tenant = tenantOf.get(id);
                    replacements.add(new Replacement(id, tenant, Contributions.of(f.ticket(), calendarOf.get(tenant)), orElse(f.channel(), UNKNOWN_CHANNEL),
                            orElse(f.team(), NO_TEAM), orElse(f.assignee(), UNASSIGNED)));
                }
            }
            return rollups.replace(c, batch.rollups(), replacements);
        });
    }
}
