package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.sla.SlaClocks;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.contracts.ticket.TicketAssigned;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketUpdated;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.api.TicketPatch;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.AgentRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * An agent's or integrator's change to a ticket (subject, priority, tags, language, assignment,
 * status), checked against its version and the workflow, audited and published.
 */
@ApplicationScoped
public class TicketChanges {

    private final TicketRepository tickets;
    private final AuditTrail audit;
    private final SlaClocks sla;
    private final StatusChanges statuses;
    private final TicketEventPublisher events;
    private final TimeSource time;
    private final Validator validator;
    private final AgentRepository agents;

    public TicketChanges(TicketRepository tickets, AuditTrail audit, SlaClocks sla, StatusChanges statuses, TicketEventPublisher events,
            TimeSource time, Validator validator, AgentRepository agents) {
        this.validator = validator;
        this.agents = agents;
        this.tickets = tickets;
        this.audit = audit;
        this.sla = sla;
        this.statuses = statuses;
        this.events = events;
        this.time = time;
    }

    @WithTransaction
    public Uni<TicketDto> update(String tenant, UUID id, Long expectedVersion, TicketPatch input, Actor actor) {
        TicketPatch patch = ControlText.of(input);
        try {
            // here, not at each edge: REST's merge patch and GraphQL's mutations build their patches by hand
            Validation.valid(validator, patch, "Invalid ticket change");
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return tickets.require(tenant, id).flatMap(t -> {
            if (expectedVersion != null && t.version != expectedVersion) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed("Ticket " + id + " is at version "
                        + t.version + ", not " + expectedVersion + ": read it again and reapply the change."));
            }
            return assignable(tenant, t, patch).flatMap(ok -> apply(t, patch, actor)).flatMap(v -> tickets.flush())
                    .map(v -> TicketMapper.toDto(t));
        });
    }

    /** A new assignee must be an active agent of the tenant: any other id would hold the ticket for nobody. */
    private Uni<Void> assignable(String tenant, Ticket t, TicketPatch patch) {
        if (!patch.assigneeSet() || patch.assigneeId() == null || patch.assigneeId().equals(t.assigneeId)) {
            return Uni.createFrom().voidItem();
        }
        return agents.findInTenant(tenant, patch.assigneeId()).flatMap(agent -> agent != null && agent.active
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(unknownAgent(patch.assigneeId())));
    }

    static ProblemException unknownAgent(String id) {
        return new ProblemException(422, "unknown-agent", "Unprocessable content", "assigneeId " + id + " is no active agent of this tenant",
                List.of(new io.pharos.commons.rest.Problem.FieldError("assigneeId", "must be an active agent of the tenant")));
    }

    private Uni<Void> apply(Ticket t, TicketPatch patch, Actor actor) {
        Instant now = time.now();
        Map<String, Object> changes = new LinkedHashMap<>(); // for the audit trail: everything that changed
        TicketStatus before = t.status;
        String subject = null;
        io.pharos.ticket.domain.Priority priority = null;
        List<String> tags = null;
        String language = null;
        boolean assignment = false;
        if (patch.subject() != null && !patch.subject().equals(t.subject)) {
            changes.put("subject", subject = t.subject = patch.subject().strip());
        }
        if (patch.priority() != null && patch.priority() != t.priority) {
            changes.put("priority", priority = t.priority = patch.priority());
        }
        if (patch.tags() != null) {
            String[] normalised = TicketRules.normaliseTags(patch.tags());
            if (!Arrays.equals(normalised, t.tags)) {
                t.tags = normalised;
                changes.put("tags", tags = List.of(normalised));
            }
        }
        if (patch.language() != null && !patch.language().equals(t.language)) {
            changes.put("language", language = t.language = patch.language());
        }
        if (patch.assigneeSet() && !Objects.equals(patch.assigneeId(), t.assigneeId)) {
            changes.put("assigneeId", t.assigneeId = patch.assigneeId());
            assignment = true;
        }
        if (patch.teamSet() && !Objects.equals(patch.team(), t.team)) {
            changes.put("team", t.team = patch.team());
            assignment = true;
        }
        if (patch.status() != null && patch.status() != t.status) {
            StatusWorkflow.check(t.status, patch.status());
            t.status = patch.status();
            changes.put("status", t.status);
        }
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        t.updatedAt = now;
        boolean assigned = assignment;
        boolean replan = priority != null || tags != null; // what decides which policy applies
        boolean updated = subject != null || priority != null || tags != null || language != null;
        TicketUpdated.Changes other = new TicketUpdated.Changes(subject, priority == null ? null : EventData.priority(priority), tags,
                language);
        return audit.record(t.tenant, t.id, null, actor, "ticket.updated", changes)
                .flatMap(v -> replan ? sla.reclassified(t, now) : Uni.createFrom().voidItem())
                .flatMap(v -> statuses.changed(t, before, actor, now))
                // String.valueOf: an unassignment has always travelled as the text "null"; consumers rely on the wire as it is
                .flatMap(v -> !assigned ? Uni.createFrom().voidItem()
                        : events.withClocks(t, TicketEvents.TICKET_ASSIGNED, clocks -> new TicketAssigned(EventData.ticket(t), clocks,
                                String.valueOf(t.assigneeId), String.valueOf(t.team), null)))
                .flatMap(v -> !updated ? Uni.createFrom().voidItem()
                        : events.withClocks(t, TicketEvents.TICKET_UPDATED, clocks -> new TicketUpdated(EventData.ticket(t), clocks, other)));
    }
}
