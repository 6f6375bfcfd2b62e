package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.sla.SlaClocks;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.ticket.domain.Ticket;
import io.smallrye.mutiny.Uni;

/** Writes the events of a ticket to the outbox, in the ticket's transaction; the ticket id is the key. */
@ApplicationScoped
public class TicketEventPublisher {

    private final SlaClocks sla;
    private final OutboxWriter outbox;

    public TicketEventPublisher(SlaClocks sla, OutboxWriter outbox) {
        this.sla = sla;
        this.outbox = outbox;
    }

    /**
     * An event that carries the ticket's SLA clocks: {@code data} is built once they are read, so the
     * ticket snapshot it takes is the ticket as it stands then.
     */
    public <T> Uni<Void> withClocks(Ticket t, EventType<T> type, Function<List<SlaClockSnapshot>, T> data) {
        return sla.snapshot(t).flatMap(clocks -> publish(t, type, data.apply(clocks)));
    }

    public <T> Uni<Void> publish(Ticket t, EventType<T> type, T data) {
        return outbox.append(t.tenant, type, t.id.toString(), data).replaceWithVoid();
    }
}
