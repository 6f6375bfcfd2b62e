package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.sla.SlaHistory;
import io.pharos.ticket.service.AuditTrail;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.ImportedTicket;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A ticket of another tool imported with its history in one transaction: created, then messages and
 * status changes in time order with their own timestamps. Historical replies are not delivered again.
 */
@ApplicationScoped
public class TicketImport {

    /** Imported steps between two flushes that also empty the session (see {@link #flushAndClear()}). */
    static final int IMPORT_STEPS_PER_FLUSH = 100;

    private final TicketRepository tickets;
    private final TicketCreation creation;
    private final Conversation conversation;
    private final StatusChanges statuses;
    private final ImportedAgents directory;
    private final AuditTrail audit;
    private final SlaHistory sla;

    public TicketImport(TicketRepository tickets, TicketCreation creation, Conversation conversation, StatusChanges statuses,
            ImportedAgents directory, AuditTrail audit,
            SlaHistory sla) {
        this.directory = directory;
        this.sla = sla;
        this.audit = audit;
        this.tickets = tickets;
        this.creation = creation;
        this.conversation = conversation;
        this.statuses = statuses;
    }

    private record Step(Instant at, MessageInput message, ImportedTicket.StatusChange change) {
    }

    /**
     * Imports one line. Its events are marked historical by the caller ({@code History.of}), which also
     * keeps routing, SLA promises and deliveries away from it.
     */
    @WithTransaction
    public Uni<TicketDto> importTicket(String tenant, ImportedTicket in, Actor actor) {
        CreateTicketRequest create = new CreateTicketRequest(in.subject(), in.channel(), in.priority(), in.requester(), null,
                in.tags(), in.createdAt(), in.externalId(), in.team(), in.language());
        List<Step> steps = new ArrayList<>();
        if (in.messages() != null) {
            in.messages().forEach(m -> steps.add(new Step(m.createdAt() != null ? m.createdAt() : in.createdAt(), m, null)));
        }
        if (in.statusChanges() != null) {
            in.statusChanges().forEach(c -> steps.add(new Step(c.at(), null, c)));
        }
        steps.sort(Comparator.comparing(Step::at)); // stable: a message and a status change at one instant keep their order
        AuthorKind openedBy;
        try {
            openedBy = openedBy(in, steps);
            checkAuthors(in);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return directory.check(tenant, in).flatMap(v -> sla.checkPolicy(tenant, in.slaPolicy()))
                .flatMap(v -> creation.createHistoryInTransaction(tenant, create, actor, openedBy))
                .flatMap(dto -> tickets.findInTenant(tenant, dto.id()))
                .flatMap(loaded -> {
                    if (in.assigneeId() != null) {
                        loaded.assigneeId = in.assigneeId();
                    }
                    Ticket[] current = { loaded };
                    int[] done = { 0 };
                    // a stream, not a chain of one flatMap per step: 11,000 chained steps would overflow the stack
                    return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> {
                        Ticket t = current[0];
                        Uni<Void> applied = apply(t, step, actor);
                        return ++done[0] % IMPORT_STEPS_PER_FLUSH != 0 ? applied
                                : applied.flatMap(v -> flushAndClear()).flatMap(v -> tickets.findInTenant(tenant, t.id))
                                        .invoke(reloaded -> current[0] = reloaded).replaceWithVoid();
                    }).collect().last()
                            // the SLA clocks the history gives, replayed from the steps just recorded (SlaTimeline)
                            .flatMap(v -> sla.imported(current[0], in.slaPolicy()))
                            .flatMap(v -> tickets.flush()).map(v -> TicketMapper.toDto(current[0]));
                });
    }

    private Uni<Void> apply(Ticket t, Step step, Actor actor) {
        Instant at = step.at().truncatedTo(ChronoUnit.MICROS);
        if (step.message() != null) {
            return conversation.append(t, step.message(), Conversation.firstMessageActor(step.message(), actor, t), at, false)
                    .replaceWithVoid();
        }
        ImportedTicket.StatusChange change = step.change();
        if (t.status == change.status()) {
            return Uni.createFrom().voidItem();
        }
        TicketStatus before = t.status;
        StatusWorkflow.check(before, change.status());
        t.status = change.status();
        t.updatedAt = TicketRules.later(t.updatedAt, at);
        Actor who = ImportedAgents.statusActor(change.actor(), actor, t);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", t.status);
        detail.put("at", at.toString());
        if (change.reason() != null) {
            detail.put("reason", change.reason());
        }
        return audit.record(t.tenant, t.id, null, who, "ticket.updated", detail)
                .flatMap(v -> statuses.changed(t, before, who, at, change.reason()));
    }

    /**
     * Who opened the ticket: as the line says (customer or agent); else an agent when the first message by time that is
     * the customer's or a public agent message is the agent's (as analytics judges a ticket without {@code openedBy}:
     * notes, system and bot messages open nothing, see docs/kpi-definitions.md).
     */
    static AuthorKind openedBy(ImportedTicket in, List<Step> steps) {
        if (in.openedBy() != null) {
            if (in.openedBy() != AuthorKind.CUSTOMER && in.openedBy() != AuthorKind.AGENT) {
                throw ImportedAgents.invalid("openedBy", "must be customer or agent");
            }
            return in.openedBy();
        }
        return steps.stream().map(Step::message).filter(m -> m != null && opens(m)).findFirst()
                .map(m -> m.author() == AuthorKind.AGENT ? AuthorKind.AGENT : AuthorKind.CUSTOMER).orElse(AuthorKind.CUSTOMER);
    }

    private static boolean opens(MessageInput m) {
        return m.author() == null || m.author() == AuthorKind.CUSTOMER
                || m.author() == AuthorKind.AGENT && m.visibility() != Visibility.INTERNAL;
    }

    /** An author id names an agent or a bot; a customer's message is the requester's, a system message nobody's. */
    static void checkAuthors(ImportedTicket in) {
        if (in.messages() == null) {
            return;
        }
        for (int i = 0; i < in.messages().size(); i++) {
            MessageInput m = in.messages().get(i);
            if (m.authorId() != null && m.author() != AuthorKind.AGENT && m.author() != AuthorKind.BOT) {
                throw ImportedAgents.invalid("messages[" + i + "].authorId", "is for agent and bot messages only");
            }
        }
    }

    /**
     * Writes what the session holds and forgets it. Every query auto-flushes, and a flush dirty-checks
     * every entity the session manages: without this a long imported thread costs quadratic time
     * (3,000 messages took 39 s, most of it re-checking the messages, audit entries and outbox rows
     * already written).
     */
    private Uni<Void> flushAndClear() {
        return tickets.getSession().flatMap(session -> session.flush().invoke(session::clear));
    }
}
