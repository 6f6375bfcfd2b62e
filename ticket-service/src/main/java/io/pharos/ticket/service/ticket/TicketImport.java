package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.ImportedTicket;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.AgentRepository;
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
    private final AgentRepository agents;

    public TicketImport(TicketRepository tickets, TicketCreation creation, Conversation conversation, StatusChanges statuses,
            AgentRepository agents) {
        this.agents = agents;
        this.tickets = tickets;
        this.creation = creation;
        this.conversation = conversation;
        this.statuses = statuses;
    }

    private record Step(Instant at, MessageInput message, TicketStatus status) {
    }

    @WithTransaction
    public Uni<TicketDto> importTicket(String tenant, ImportedTicket in, Actor actor) {
        CreateTicketRequest create = new CreateTicketRequest(in.subject(), in.channel(), in.priority(), in.requester(), null,
                in.tags(), in.createdAt(), in.externalId(), in.team(), in.language());
        List<Step> steps = new ArrayList<>();
        if (in.messages() != null) {
            in.messages().forEach(m -> steps.add(new Step(m.createdAt() != null ? m.createdAt() : in.createdAt(), m, null)));
        }
        if (in.statusChanges() != null) {
            in.statusChanges().forEach(c -> steps.add(new Step(c.at(), null, c.status())));
        }
        steps.sort(Comparator.comparing(Step::at)); // stable: a message and a status change at one instant keep their order
        Uni<Void> assignee = in.assigneeId() == null ? Uni.createFrom().voidItem()
                : agents.findInTenant(tenant, in.assigneeId()).flatMap(agent -> agent != null
                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(TicketChanges.unknownAgent(in.assigneeId())));
        return assignee.flatMap(v -> creation.createHistoryInTransaction(tenant, create, actor))
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
                    }).collect().last().flatMap(v -> tickets.flush()).map(v -> TicketMapper.toDto(current[0]));
                });
    }

    private Uni<Void> apply(Ticket t, Step step, Actor actor) {
        Instant at = step.at().truncatedTo(ChronoUnit.MICROS);
        if (step.message() != null) {
            return conversation.append(t, step.message(), Conversation.firstMessageActor(step.message(), actor, t), at, false)
                    .replaceWithVoid();
        }
        if (t.status == step.status()) {
            return Uni.createFrom().voidItem();
        }
        TicketStatus before = t.status;
        StatusWorkflow.check(before, step.status());
        t.status = step.status();
        t.updatedAt = TicketRules.later(t.updatedAt, at);
        return statuses.changed(t, before, actor, at);
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
