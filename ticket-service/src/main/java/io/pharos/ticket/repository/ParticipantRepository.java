package io.pharos.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Participant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ParticipantRepository implements PanacheRepositoryBase<Participant, UUID> {

    /** The participants of several tickets, in the order they joined (batched GraphQL fields). */
    public Uni<List<Participant>> ofTickets(String tenant, Collection<UUID> ticketIds) {
        return list("tenant = ?1 and ticketId in ?2 order by addedAt, address", tenant, ticketIds);
    }

    public Uni<Participant> find(String tenant, UUID ticketId, String address) {
        return find("tenant = ?1 and ticketId = ?2 and address = ?3", tenant, ticketId, address).firstResult();
    }
}
