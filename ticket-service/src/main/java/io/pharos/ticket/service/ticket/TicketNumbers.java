package io.pharos.ticket.service.ticket;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Per-tenant ticket numbers, never handed out twice: {@code next_ticket_number} (V8) takes the next
 * value of the tenant's own PostgreSQL sequence, creating it race-free on first use. No row lock
 * serialises a tenant's creates (a counter row held to commit cut their throughput five-fold), so
 * a create that rolls back leaves a gap. Every path that makes a ticket (REST, GraphQL, import,
 * inbound messages) comes through {@link TicketCreation}, and so through here. It runs on the
 * caller's session: asking the pool for a second connection while holding one deadlocks under load
 * once every connection waits for another.
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
