package io.pharos.ticket.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.domain.Ticket;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /** A ticket of this tenant; another tenant's id is simply not found. */
    public Uni<Ticket> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** As {@link #findInTenant}, failing with 404 when there is no such ticket. */
    public Uni<Ticket> require(String tenant, UUID id) {
        return findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", id));
    }

    public Uni<Ticket> findByExternalId(String tenant, String externalId) {
        return find("tenant = ?1 and externalId = ?2", tenant, externalId).firstResult();
    }
}
