package io.pharos.contracts.ticket;

import java.util.List;

import io.pharos.contracts.EventType;
import io.pharos.contracts.Topics;

/**
 * The events ticket-service publishes on {@link Topics#TICKET_EVENTS}: tickets (key: ticket id),
 * customers (key: customer id), agents' availability (key: agent id), calendars and SLA policies
 * (key: their id).
 */
public final class TicketEvents {

    public static final EventType<TicketCreated> TICKET_CREATED = ticket("pharos.ticket.created", TicketCreated.class);
    public static final EventType<TicketUpdated> TICKET_UPDATED = ticket("pharos.ticket.updated", TicketUpdated.class);
    public static final EventType<TicketAssigned> TICKET_ASSIGNED = ticket("pharos.ticket.assigned", TicketAssigned.class);
    public static final EventType<TicketMessageAdded> TICKET_MESSAGE_ADDED = ticket("pharos.ticket.message.added",
            TicketMessageAdded.class);
    public static final EventType<TicketStatusChanged> TICKET_STATUS_CHANGED = ticket("pharos.ticket.status.changed",
            TicketStatusChanged.class);
    public static final EventType<TicketStatusChanged> TICKET_SOLVED = ticket("pharos.ticket.solved", TicketStatusChanged.class);
    public static final EventType<TicketStatusChanged> TICKET_REOPENED = ticket("pharos.ticket.reopened", TicketStatusChanged.class);
    public static final EventType<TicketStatusChanged> TICKET_CLOSED = ticket("pharos.ticket.closed", TicketStatusChanged.class);
    public static final EventType<TicketSlaAlert> TICKET_SLA_WARNING = ticket("pharos.ticket.sla.warning", TicketSlaAlert.class);
    public static final EventType<TicketSlaAlert> TICKET_SLA_BREACHED = ticket("pharos.ticket.sla.breached", TicketSlaAlert.class);

    public static final EventType<CustomerCreated> CUSTOMER_CREATED = ticket("pharos.customer.created", CustomerCreated.class);
    public static final EventType<CustomerUpdated> CUSTOMER_UPDATED = ticket("pharos.customer.updated", CustomerUpdated.class);
    public static final EventType<CustomerUpdated> CUSTOMER_CHURNED = ticket("pharos.customer.churned", CustomerUpdated.class);
    public static final EventType<CustomerMerged> CUSTOMER_MERGED = ticket("pharos.customer.merged", CustomerMerged.class);

    public static final EventType<AgentAvailabilityChanged> AGENT_AVAILABILITY_CHANGED = ticket("pharos.agent.availability.changed",
            AgentAvailabilityChanged.class);
    public static final EventType<CalendarUpdated> CALENDAR_UPDATED = ticket("pharos.calendar.updated", CalendarUpdated.class);
    public static final EventType<SlaPolicyUpdated> SLA_POLICY_UPDATED = ticket("pharos.sla.policy.updated", SlaPolicyUpdated.class);

    /** The types whose data is a {@link TicketEvent}: consumers that keep a ticket replica handle these alike. */
    public static final List<EventType<? extends TicketEvent>> TICKET = List.of(TICKET_CREATED, TICKET_UPDATED, TICKET_ASSIGNED,
            TICKET_MESSAGE_ADDED, TICKET_STATUS_CHANGED, TICKET_SOLVED, TICKET_REOPENED, TICKET_CLOSED, TICKET_SLA_WARNING,
            TICKET_SLA_BREACHED);

    /** The types whose data is a {@link CustomerEvent}. */
    public static final List<EventType<? extends CustomerEvent>> CUSTOMER = List.of(CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_CHURNED,
            CUSTOMER_MERGED);

    /** Every type of this family, for the catalog and the schema check. */
    public static final List<EventType<?>> ALL = List.of(TICKET_CREATED, TICKET_UPDATED, TICKET_ASSIGNED, TICKET_MESSAGE_ADDED,
            TICKET_STATUS_CHANGED, TICKET_SOLVED, TICKET_REOPENED, TICKET_CLOSED, TICKET_SLA_WARNING, TICKET_SLA_BREACHED,
            CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_CHURNED, CUSTOMER_MERGED, AGENT_AVAILABILITY_CHANGED, CALENDAR_UPDATED,
            SLA_POLICY_UPDATED);

    private TicketEvents() {
    }

    private static <T> EventType<T> ticket(String name, Class<T> data) {
        return new EventType<>(name, Topics.TICKET_EVENTS, data);
    }
}
