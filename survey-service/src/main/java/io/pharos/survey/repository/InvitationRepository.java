package io.pharos.survey.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.survey.domain.Invitation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public Uni<Invitation> forTicket(UUID definitionId, UUID ticketId) {
        return find("definitionId = ?1 and ticketId = ?2", definitionId, ticketId).firstResult();
    }

    /** A ticket's or a customer's invitations, newest first. */
    public Uni<java.util.List<Invitation>> of(String tenant, UUID ticketId, UUID customerId) {
        if (ticketId != null) {
            return list("tenant = ?1 and ticketId = ?2 order by createdAt desc, id", tenant, ticketId);
        }
        return list("tenant = ?1 and customerId = ?2 order by createdAt desc, id", tenant, customerId);
    }

    /** Whether the customer was sent any survey since {@code since} (the throttle spans all definitions). */
    public Uni<Boolean> sentSince(String tenant, UUID customerId, Instant since) {
        return count("tenant = ?1 and customerId = ?2 and status = ?3 and sentAt >= ?4", tenant, customerId,
                Invitation.Status.SENT, since).map(n -> n > 0);
    }
}
