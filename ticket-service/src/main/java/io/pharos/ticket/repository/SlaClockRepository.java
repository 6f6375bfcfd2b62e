package io.pharos.ticket.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.SlaClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SlaClockRepository implements PanacheRepositoryBase<SlaClock, SlaClock.Key> {

    public Uni<List<SlaClock>> ofTicket(UUID ticketId) {
        return list("ticketId", ticketId);
    }

    public Uni<List<SlaClock>> ofTickets(String tenant, Collection<UUID> ticketIds) {
        return list("tenant = ?1 and ticketId in ?2", tenant, ticketIds);
    }

    /**
     * Running clocks whose warning or due instant has passed and was not yet signalled, locked for
     * this transaction; another replica's pass skips them ({@code SKIP LOCKED}) instead of firing twice.
     */
    public Uni<List<SlaClock>> lockDue(Instant now, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT * FROM ticket_sla WHERE state = 'ACTIVE' AND ("
                + "(NOT warned AND warn_at <= ?1) OR (NOT breached AND due_at <= ?1)) "
                + "ORDER BY least(CASE WHEN warned THEN NULL ELSE warn_at END, CASE WHEN breached THEN NULL ELSE due_at END) "
                + "LIMIT " + limit + " FOR UPDATE SKIP LOCKED", SlaClock.class).setParameter(1, now).getResultList());
    }
}
