package io.pharos.ticket.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.RoutingRule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, UUID> {

    public Uni<RoutingRule> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** In the order they are tried. */
    public Uni<List<RoutingRule>> ofTenant(String tenant) {
        return list("tenant = ?1 order by position, createdAt, id", tenant);
    }
}
