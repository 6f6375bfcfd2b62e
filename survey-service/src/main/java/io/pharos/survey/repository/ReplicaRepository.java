package io.pharos.survey.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.TicketState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The tickets and customers survey-service keeps from events, and the events it already applied. */
@ApplicationScoped
public class ReplicaRepository {

    public Uni<TicketState> ticket(String tenant, UUID ticketId) {
        return Panache.getSession().flatMap(s -> s.find(TicketState.class, new TicketState.Key(tenant, ticketId)));
    }

    /** The tenant's ticket of this external id (unique per tenant in ticket-service); null when no event of it arrived yet. */
    public Uni<TicketState> ticketByExternalId(String tenant, String externalId) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from TicketState t where t.tenant = ?1 and t.externalId = ?2 order by t.updatedAt desc", TicketState.class)
                .setParameter(1, tenant).setParameter(2, externalId).setMaxResults(1).getSingleResultOrNull());
    }

    /** Whether a ticket of this id is known under another tenant (ticket ids are unique across tenants). */
    public Uni<Boolean> ticketOfAnotherTenant(String tenant, UUID ticketId) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "select count(*) from TicketState t where t.ticketId = ?1 and t.tenant <> ?2", Long.class)
                .setParameter(1, ticketId).setParameter(2, tenant).getSingleResult()).map(n -> n > 0);
    }

    public Uni<CustomerContact> customer(String tenant, UUID customerId) {
        return Panache.getSession().flatMap(s -> s.find(CustomerContact.class, new CustomerContact.Key(tenant, customerId)));
    }

    /** Marks an event applied; false when it already was (then its effect must not be applied again). */
    public Uni<Boolean> firstTime(String eventId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "INSERT INTO processed_event (event_id, processed_at) VALUES (?1, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId).executeUpdate()).map(inserted -> inserted == 1);
    }
}
