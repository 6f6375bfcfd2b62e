package io.pharos.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {
}
