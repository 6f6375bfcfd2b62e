package io.pharos.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {
}
