package io.pharos.ticket.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.domain.AuditEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Records who changed what and when, in the transaction of the change. */
@ApplicationScoped
public class AuditTrail {

    private final ObjectMapper json;

    public AuditTrail(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> record(String tenant, UUID ticketId, UUID customerId, Actor actor, String action, Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.tenant = tenant;
        entry.ticketId = ticketId;
        entry.customerId = customerId;
        entry.actor = actor.label();
        entry.action = action;
        entry.at = Instant.now();
        try {
            entry.detail = detail == null ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().flatMap(s -> s.persist(entry));
    }
}
