package io.pharos.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Callback;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CallbackRepository implements PanacheRepositoryBase<Callback, UUID> {

    /** The call backs of several tickets, oldest first (batched GraphQL fields). */
    public Uni<List<Callback>> ofTickets(String tenant, Collection<UUID> ticketIds) {
        return list("tenant = ?1 and ticketId in ?2 order by createdAt, id", tenant, ticketIds);
    }

    public Uni<Callback> find(String tenant, UUID ticketId, UUID id) {
        return find("tenant = ?1 and ticketId = ?2 and id = ?3", tenant, ticketId, id).firstResult();
    }
}
