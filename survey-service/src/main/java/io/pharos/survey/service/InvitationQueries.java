package io.pharos.survey.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.survey.api.InvitationDto;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.repository.InvitationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** "Was this customer asked about this ticket, and why not?" — for supervisors and integrations. */
@ApplicationScoped
public class InvitationQueries {

    private final InvitationRepository invitations;

    public InvitationQueries(InvitationRepository invitations) {
        this.invitations = invitations;
    }

    @WithSession
    public Uni<List<InvitationDto>> of(String tenant, UUID ticketId, UUID customerId) {
        if (ticketId == null && customerId == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-filter", "Give a ticketId or a customerId."));
        }
        return invitations.of(tenant, ticketId, customerId).map(list -> list.stream().map(InvitationQueries::toDto).toList());
    }

    static InvitationDto toDto(Invitation i) {
        return new InvitationDto(i.id, i.definitionId, i.ticketId, i.customerId, i.status.name().toLowerCase(), i.dueAt, i.sentAt,
                i.expiresAt, i.channel, i.language, i.skipReason, i.createdAt);
    }
}
