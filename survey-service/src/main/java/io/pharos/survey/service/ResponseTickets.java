package io.pharos.survey.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.repository.ReplicaRepository;
import io.smallrye.mutiny.Uni;

/** The ticket a response without an invitation is about, as the replica knows it, within the caller's tenant. */
@ApplicationScoped
class ResponseTickets {

    private final ReplicaRepository replicas;

    ResponseTickets(ReplicaRepository replicas) {
        this.replicas = replicas;
    }

    /**
     * The ticket a response without a token is about, by its Pharos id or by the external id its
     * import kept. By external id the ticket must be known: without it the response could not name
     * its ticket at all, and the replica is filled from ticket events, which may still be on their
     * way after a ticket import. So an unknown external id is a 409 {@code ticket-not-yet-known}
     * the integrator retries (running an import again is harmless), not a final 422.
     */
    Uni<TicketState> of(String tenant, ResponseInput in) {
        if (in.ticketExternalId() == null) {
            return in.ticketId() == null ? Uni.createFrom().nullItem() : ofTenant(tenant, in.ticketId());
        }
        return replicas.ticketByExternalId(tenant, in.ticketExternalId()).map(ticket -> {
            if (ticket == null) {
                throw ProblemException.conflict("ticket-not-yet-known", "No ticket with externalId " + in.ticketExternalId()
                        + " is known (yet): import the ticket first, or retry once its import has been processed.");
            }
            if (in.ticketId() != null && !in.ticketId().equals(ticket.ticketId)) {
                throw ProblemException.unprocessable("ticket-mismatch",
                        "ticketId and ticketExternalId name different tickets.");
            }
            return ticket;
        });
    }

    /**
     * The tenant's ticket as the replica knows it; null when no event of it has arrived yet (an
     * import racing the ticket's own import). A ticket the replica knows under another tenant is
     * refused as not found: a response never attaches to another tenant's ticket.
     */
    private Uni<TicketState> ofTenant(String tenant, UUID ticketId) {
        return replicas.ticket(tenant, ticketId).flatMap(ticket -> ticket != null ? Uni.createFrom().item(ticket)
                : replicas.ticketOfAnotherTenant(tenant, ticketId).map(elsewhere -> {
                    if (elsewhere) {
                        throw ProblemException.notFound("Ticket", ticketId);
                    }
                    return null;
                }));
    }
}
