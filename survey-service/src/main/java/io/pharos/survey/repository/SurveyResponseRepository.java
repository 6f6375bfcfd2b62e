package io.pharos.survey.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.survey.domain.SurveyResponse;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, UUID> {

    public Uni<SurveyResponse> forInvitation(UUID invitationId) {
        return find("invitationId", invitationId).firstResult();
    }

    public Uni<SurveyResponse> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }
}
