package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.routing.Router;
import io.pharos.ticket.service.sla.SlaClocks;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.messaging.History;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketStatusChanged;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.smallrye.mutiny.Uni;

/**
 * What a ticket's change of status means, whatever made it (an agent, a message, an import): the
 * times it stamps, the SLA clocks it pauses or stops, a reopened ticket routed again, the events.
 */
@ApplicationScoped
public class StatusChanges {

    private final SlaClocks sla;
    private final Router router;
    private final TimeSource time;
    private final TicketEventPublisher events;

    public StatusChanges(SlaClocks sla, Router router, TimeSource time, TicketEventPublisher events) {
        this.sla = sla;
        this.router = router;
        this.time = time;
        this.events = events;
    }

    /** Applies the move from {@code before} to the ticket's status now; nothing when it did not move. */
    public Uni<Void> changed(Ticket t, TicketStatus before, Actor actor, Instant at) {
        return changed(t, before, actor, at, null);
    }

    /** As above, with the reason the change came with (an imported status change's), carried by its events. */
    public Uni<Void> changed(Ticket t, TicketStatus before, Actor actor, Instant at, String reason) {
        if (before == t.status) {
            return Uni.createFrom().voidItem();
        }
        EventType<TicketStatusChanged> specific = null;
        if (t.status == TicketStatus.SOLVED) {
            t.solvedAt = at;
            if (t.firstSolvedAt == null) {
                t.firstSolvedAt = at;
            }
            specific = TicketEvents.TICKET_SOLVED;
        } else if (t.status == TicketStatus.CLOSED) {
            t.closedAt = at;
            specific = TicketEvents.TICKET_CLOSED;
        } else if (StatusWorkflow.isReopen(before, t.status)) {
            t.reopenCount++;
            t.solvedAt = null;
            specific = TicketEvents.TICKET_REOPENED;
        }
        TicketStatus after = t.status;
        EventType<TicketStatusChanged> then = specific;
        boolean reopened = StatusWorkflow.isReopen(before, after);
        return sla.statusChanged(t, before, at)
                .flatMap(v -> events.withClocks(t, TicketEvents.TICKET_STATUS_CHANGED, clocks -> new TicketStatusChanged(
                        EventData.ticket(t), clocks, EventData.status(before), EventData.status(after), at, actor.label(), reason)))
                // a reopen of history (an import, whatever its timestamps) is not handed to whoever is online today
                .flatMap(v -> reopened && !History.isHistorical() && TicketRules.live(at, time.now()) ? router.route(t, null, at)
                        : Uni.createFrom().voidItem())
                .flatMap(v -> then == null ? Uni.createFrom().voidItem()
                        : events.withClocks(t, then, clocks -> new TicketStatusChanged(EventData.ticket(t), clocks,
                                EventData.status(before), EventData.status(after), at, actor.label(), reason)));
    }
}
