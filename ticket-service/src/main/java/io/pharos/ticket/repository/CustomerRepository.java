package io.pharos.ticket.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.IdentityType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    public Uni<Customer> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<Customer> findByExternalId(String tenant, String externalId) {
        return find("tenant = ?1 and externalId = ?2", tenant, externalId).firstResult();
    }

    /** The customer recognised by an identity (e.g. email:eleni@example.test); unverified claims recognise nobody. */
    public Uni<Customer> findByIdentity(String tenant, IdentityType type, String value) {
        return find("select i.customer from CustomerIdentity i where i.tenant = ?1 and i.type = ?2 and i.value = ?3 and i.verified = true",
                tenant, type, value).firstResult();
    }
}
