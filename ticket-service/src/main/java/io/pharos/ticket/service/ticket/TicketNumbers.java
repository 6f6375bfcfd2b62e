package io.pharos.ticket.service.ticket;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Per-tenant ticket numbers, unique and gap-free: {@code next_ticket_number} (V7) bumps the tenant's
 * counter row with one upsert in the caller's transaction. Its row lock is held until that
 * transaction ends, so concurrent creates of one tenant take their numbers in turn, and a create
 * that rolls back hands its number to the next one. Creates of other tenants do not wait.
 * Every path that makes a ticket (REST, GraphQL, import, inbound messages) comes through
 * {@link TicketCreation}, and so through here. It runs on the caller's session: asking the pool for
 * a second connection while holding one deadlocks under load once every connection waits for another.
 */
@ApplicationScoped
public class TicketNumbers {

    public Uni<Long> next(String tenant) {
        // an HQL query, not a native one: Hibernate caches its plan, while a native query's plan key
        // never matches the cached one and every call would add another entry to the plan cache
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select function('next_ticket_number', cast(:tenant as String))", Long.class)
                .setParameter("tenant", tenant)
                .getSingleResult());
    }
}
