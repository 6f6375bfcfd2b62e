package io.pharos.analytics.service.projection;

import java.util.ArrayList;
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
 * contributions to the rollups are recomputed, once per batch. All these writes commute, so one
 * event's statements are sent at once rather than one after the other. Historical events (an
 * import) are projected exactly like live ones: this is bookkeeping, not a reaction.
 */
@ApplicationScoped
public class TicketProjection implements ProjectionHandler {

    private final TicketFactRepository tickets;
    private final SurveyProjection surveys;
    private final ObjectMapper json;

    public TicketProjection(TicketFactRepository tickets, SurveyProjection surveys, ObjectMapper json) {
        this.tickets = tickets;
        this.surveys = surveys;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TicketEvents.TICKET.stream().map(EventType::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<UUID> tickets(IncomingEvent event) {
        TicketSnapshot ticket = data(event).ticket();
        return ticket == null || ticket.id() == null ? Set.of() : Set.of(ticket.id());
    }

    @Override
    public Uni<Void> apply(ProjectionBatch batch, IncomingEvent event) {
        EventType<? extends TicketEvent> type = type(event);
        return Uni.createFrom().item(() -> data(event)).flatMap(data -> apply(batch, event.tenant(), type, data));
    }

    private EventType<? extends TicketEvent> type(IncomingEvent event) {
        return TicketEvents.TICKET.stream().filter(event::is).findFirst().orElseThrow();
    }

    private TicketEvent data(IncomingEvent event) {
        return Events.data(json, event, type(event));
    }

    /**
     * The event's writes go out together, pipelined on the connection in this order (they commute:
     * see the class comment); the ticket's contributions are recomputed once, after the batch's last event.
     */
    private Uni<Void> apply(ProjectionBatch batch, String tenant, EventType<?> type, TicketEvent data) {
        TicketSnapshot ticket = data.ticket();
        if (ticket == null) {
            return Uni.createFrom().voidItem(); // nothing to replicate without the snapshot
        }
        SqlConnection c = batch.connection();
        UUID ticketId = ticket.id();
        List<Uni<Void>> writes = new ArrayList<>(snapshot(batch, tenant, ticket));
        for (SlaClockSnapshot clock : data.slaClocks() == null ? List.<SlaClockSnapshot> of() : data.slaClocks()) {
            writes.add(tickets.upsertSlaClock(c, tenant, ticketId, new SlaClock(lower(clock.target()), clock.policy(), lower(clock.state()),
                    clock.dueAt(), clock.fulfilledAt(), clock.everBreached(), clock.updatedAt() != null ? clock.updatedAt() : ticket.updatedAt())));
        }
        if (type.equals(TicketEvents.TICKET_CREATED)) {
            writes.add(tickets.addStatus(c, tenant, ticketId, "new", ticket.createdAt()));
        }
        if (type.equals(TicketEvents.TICKET_STATUS_CHANGED) && data instanceof TicketStatusChanged change) {
            writes.add(tickets.addStatus(c, tenant, ticketId, lower(change.status()), change.changedAt()));
        }
        if (type.equals(TicketEvents.TICKET_REOPENED) || ticket.reopenCount() > 0) {
            writes.add(tickets.markReopened(c, ticketId));
        }
        if (data instanceof TicketMessageAdded added) {
            MessageSnapshot m = added.message();
            writes.add(tickets.addMessage(c, tenant, ticketId, m.id(), lower(m.authorKind()), lower(m.visibility()), m.createdAt()));
        }
        batch.ticketChanged(tenant, ticketId);
        // fail fast: the first failure is the one to report (those after it only say the transaction is aborted)
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /**
     * The descriptive columns follow the newest snapshot; survey answers that waited for the ticket's
     * channel get it (the batch holds the ticket's lock).
     */
    private List<Uni<Void>> snapshot(ProjectionBatch batch, String tenant, TicketSnapshot t) {
        SqlConnection c = batch.connection();
        String channel = lower(t.channel());
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(tickets.upsert(c, tenant, new Snapshot(t.id(), t.number(), channel, t.team(), t.assigneeId(), lower(t.priority()),
                t.requesterId(), lower(t.status()), t.createdAt(), t.updatedAt())));
        if (t.openedBy() != null) {
            writes.add(tickets.openedBy(c, t.id(), lower(t.openedBy())));
        }
        writes.add(surveys.ticketChannelKnown(batch, tenant, t.id(), channel));
        return writes;
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
