package io.pharos.ticket.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.CalendarRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CalendarRepository implements PanacheRepositoryBase<CalendarRecord, UUID> {

    public Uni<CalendarRecord> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<CalendarRecord> defaultOf(String tenant) {
        return find("tenant = ?1 and isDefault = true", tenant).firstResult();
    }

    public Uni<List<CalendarRecord>> ofTenant(String tenant) {
        return list("tenant = ?1 order by isDefault desc, name", tenant);
    }
}
