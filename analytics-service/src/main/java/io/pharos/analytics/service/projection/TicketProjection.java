package io.pharos.analytics.service.projection;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.repository.TicketFactRepository;
import io.pharos.analytics.repository.TicketFactRepository.SlaClock;
import io.pharos.analytics.repository.TicketFactRepository.Snapshot;
import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.MessageSnapshot;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.contracts.ticket.TicketEvent;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketMessageAdded;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatusChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Tickets: every {@code pharos.ticket.*} event carries the ticket's snapshot and SLA clocks, which
 * replace older ones; creation, status changes and messages add their facts; then the ticket's
 * contributions to the rollups are recomputed. Historical events (an import) are projected exactly
 * like live ones: this is bookkeeping, not a reaction.
 */
@ApplicationScoped
public class TicketProjection implements ProjectionHandler {

    private final TicketFactRepository tickets;
    private final TicketContributions contributions;
    private final SurveyProjection surveys;
    private final ObjectMapper json;

    public TicketProjection(TicketFactRepository tickets, TicketContributions contributions, SurveyProjection surveys, ObjectMapper json) {
        this.tickets = tickets;
        this.contributions = contributions;
        this.surveys = surveys;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TicketEvents.TICKET.stream().map(EventType::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Uni<Void> apply(SqlConnection c, IncomingEvent event) {
        EventType<? extends TicketEvent> type = TicketEvents.TICKET.stream().filter(event::is).findFirst().orElseThrow();
        return Uni.createFrom().item(() -> (TicketEvent) Events.data(json, event, type)).flatMap(data -> apply(c, event.tenant(), type, data));
    }

    private Uni<Void> apply(SqlConnection c, String tenant, EventType<?> type, TicketEvent data) {
        TicketSnapshot ticket = data.ticket();
        if (ticket == null) {
            return Uni.createFrom().voidItem(); // nothing to replicate without the snapshot
        }
        UUID ticketId = ticket.id();
        Uni<Void> chain = snapshot(c, tenant, ticket);
        for (SlaClockSnapshot clock : data.slaClocks() == null ? List.<SlaClockSnapshot> of() : data.slaClocks()) {
            chain = chain.flatMap(v -> tickets.upsertSlaClock(c, tenant, ticketId, new SlaClock(lower(clock.target()), clock.policy(), lower(clock.state()),
                    clock.dueAt(), clock.fulfilledAt(), clock.everBreached(), clock.updatedAt() != null ? clock.updatedAt() : ticket.updatedAt())));
        }
        if (type.equals(TicketEvents.TICKET_CREATED)) {
            chain = chain.flatMap(v -> tickets.addStatus(c, tenant, ticketId, "new", ticket.createdAt()));
        }
        if (type.equals(TicketEvents.TICKET_STATUS_CHANGED) && data instanceof TicketStatusChanged change) {
            chain = chain.flatMap(v -> tickets.addStatus(c, tenant, ticketId, lower(change.status()), change.changedAt()));
        }
        if (type.equals(TicketEvents.TICKET_REOPENED) || ticket.reopenCount() > 0) {
            chain = chain.flatMap(v -> tickets.markReopened(c, ticketId));
        }
        if (data instanceof TicketMessageAdded added) {
            MessageSnapshot m = added.message();
            chain = chain.flatMap(v -> tickets.addMessage(c, tenant, ticketId, m.id(), lower(m.authorKind()), lower(m.visibility()), m.createdAt()));
        }
        return chain.flatMap(v -> contributions.recompute(c, tenant, ticketId));
    }

    /** The descriptive columns follow the newest snapshot; survey answers that waited for the ticket's channel get it. */
    private Uni<Void> snapshot(SqlConnection c, String tenant, TicketSnapshot t) {
        String channel = lower(t.channel());
        return tickets.lock(c, t.id())
                .flatMap(locked -> tickets.upsert(c, tenant, new Snapshot(t.id(), t.number(), channel, t.team(), t.assigneeId(), lower(t.priority()),
                        t.requesterId(), lower(t.status()), t.createdAt(), t.updatedAt())))
                .flatMap(v -> t.openedBy() == null ? Uni.createFrom().voidItem() : tickets.openedBy(c, t.id(), lower(t.openedBy())))
                .flatMap(v -> surveys.ticketChannelKnown(c, tenant, t.id(), channel));
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
