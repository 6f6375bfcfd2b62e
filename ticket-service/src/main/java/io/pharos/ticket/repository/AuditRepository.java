package io.pharos.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.AuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** The audit trails of several tickets in one query, oldest first. */
    public Uni<List<AuditEntry>> forTickets(String tenant, Collection<UUID> ticketIds) {
        return list("tenant = ?1 and ticketId in ?2 order by id", tenant, ticketIds);
    }
}
