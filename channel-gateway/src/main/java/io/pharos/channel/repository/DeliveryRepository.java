package io.pharos.channel.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /** The tenant's delivery that went out under one of these provider message ids (an email's Message-ID), or null. */
    public Uni<Delivery> findByProviderMessageId(String tenant, List<String> providerMessageIds) {
        if (providerMessageIds.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return find("tenant = ?1 and providerMessageId in ?2", tenant, providerMessageIds).firstResult();
    }
}
