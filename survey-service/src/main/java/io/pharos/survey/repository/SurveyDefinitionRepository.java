package io.pharos.survey.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.survey.domain.SurveyDefinition;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SurveyDefinitionRepository implements PanacheRepositoryBase<SurveyDefinition, UUID> {

    public Uni<SurveyDefinition> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<List<SurveyDefinition>> ofTenant(String tenant) {
        return list("tenant = ?1 order by createdAt, id", tenant);
    }

    public Uni<List<SurveyDefinition>> enabled(String tenant, SurveyDefinition.Trigger trigger) {
        return list("tenant = ?1 and trigger = ?2 and enabled = true order by createdAt, id", tenant, trigger);
    }
}
