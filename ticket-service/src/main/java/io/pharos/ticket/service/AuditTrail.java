package io.pharos.ticket.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.api.HistoryEntryDto;
import io.pharos.ticket.domain.AuditEntry;
import io.pharos.ticket.repository.AuditRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Records who changed what and when, in the transaction of the change. */
@ApplicationScoped
public class AuditTrail {

    private final ObjectMapper json;
    private final AuditRepository entries;

    public AuditTrail(ObjectMapper json, AuditRepository entries) {
        this.json = json;
        this.entries = entries;
    }

    /** The trails of several tickets, oldest entry first, in one query. */
    public Uni<Map<UUID, List<HistoryEntryDto>>> historyOf(String tenant, List<UUID> ticketIds) {
        return entries.forTickets(tenant, ticketIds).map(list -> list.stream().map(this::toDto)
                .collect(Collectors.groupingBy(HistoryEntryDto::ticketId)));
    }

    private HistoryEntryDto toDto(AuditEntry entry) {
        try {
            return new HistoryEntryDto(entry.ticketId, entry.at, entry.actor, entry.action,
                    entry.detail == null ? null : json.readTree(entry.detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit detail " + entry.id, e);
        }
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
