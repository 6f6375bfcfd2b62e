package io.pharos.ticket.service.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.pharos.commons.rest.Problem;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.api.CallbackDto;
import io.pharos.ticket.api.CallbackInput;
import io.pharos.ticket.api.CallbackOutcomeInput;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Callback;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.AgentRepository;
import io.pharos.ticket.repository.CallbackRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Call backs to a ticket's caller: scheduled for an agent, then closed with how the call went. The
 * outcome is also written as an internal note, so the conversation tells the whole story.
 */
@ApplicationScoped
public class Callbacks {

    /** How far ahead a call back may be planned. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);

    private final TicketRepository tickets;
    private final CallbackRepository callbacks;
    private final AgentRepository agents;
    private final Conversation conversation;
    private final AuditTrail audit;
    private final TimeSource time;
    private final Validator validator;

    public Callbacks(TicketRepository tickets, CallbackRepository callbacks, AgentRepository agents, Conversation conversation,
            AuditTrail audit, TimeSource time, Validator validator) {
        this.tickets = tickets;
        this.callbacks = callbacks;
        this.agents = agents;
        this.conversation = conversation;
        this.audit = audit;
        this.time = time;
        this.validator = validator;
    }

    @WithSession
    public Uni<List<CallbackDto>> list(String tenant, UUID ticketId) {
        return tickets.require(tenant, ticketId).flatMap(t -> callbacks.ofTickets(tenant, List.of(t.id)))
                .map(found -> found.stream().map(TicketMapper::toDto).toList());
    }

    /** Several tickets' call backs in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<CallbackDto>>> ofTickets(String tenant, List<UUID> ticketIds) {
        return callbacks.ofTickets(tenant, ticketIds).map(found -> found.stream()
                .collect(Collectors.groupingBy(c -> c.ticketId, Collectors.mapping(TicketMapper::toDto, Collectors.toList()))));
    }

    @WithTransaction
    public Uni<CallbackDto> schedule(String tenant, UUID ticketId, CallbackInput given, Actor actor) {
        CallbackInput input = given == null ? null
                : new CallbackInput(given.assigneeId() == null ? actor.id() : ControlCharacters.strip(given.assigneeId()), given.dueAt(),
                        ControlCharacters.strip(given.note()));
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        try {
            Validation.valid(validator, input, "Invalid callback");
            if (input.dueAt().isBefore(now.minus(Duration.ofDays(1))) || input.dueAt().isAfter(now.plus(MAX_AHEAD))) {
                throw new ProblemException(400, "validation", "Invalid callback", "dueAt must be from a day ago to a year ahead",
                        List.of(new Problem.FieldError("dueAt", "must be from a day ago to a year ahead")));
            }
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return tickets.require(tenant, ticketId).flatMap(t -> agents.findInTenant(tenant, input.assigneeId()).flatMap(agent -> {
            if (agent == null || !agent.active) {
                return Uni.createFrom().failure(TicketChanges.unknownAgent(input.assigneeId()));
            }
            Callback c = new Callback();
            c.id = UUID.randomUUID();
            c.tenant = tenant;
            c.ticketId = t.id;
            c.assigneeId = agent.id;
            c.dueAt = input.dueAt().truncatedTo(ChronoUnit.MICROS);
            c.note = input.note();
            c.status = Callback.Status.OPEN;
            c.createdBy = actor.id();
            c.createdAt = now;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("callback", c.id.toString());
            detail.put("assigneeId", c.assigneeId);
            detail.put("dueAt", c.dueAt.toString());
            return callbacks.persist(c).flatMap(v -> audit.record(tenant, t.id, null, actor, "callback.scheduled", detail))
                    .replaceWith(() -> TicketMapper.toDto(c));
        }));
    }

    @WithTransaction
    public Uni<CallbackDto> recordOutcome(String tenant, UUID ticketId, UUID callbackId, CallbackOutcomeInput given, Actor actor) {
        CallbackOutcomeInput input = given == null ? null : new CallbackOutcomeInput(given.outcome(), ControlCharacters.strip(given.note()));
        try {
            Validation.valid(validator, input, "Invalid callback outcome");
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        return tickets.require(tenant, ticketId).flatMap(t -> callbacks.find(tenant, t.id, callbackId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Callback", callbackId))
                .flatMap(c -> {
                    if (c.status == Callback.Status.DONE) {
                        return Uni.createFrom().failure(ProblemException.conflict("callback-done",
                                "This call back's outcome was already recorded (" + c.outcome + ")."));
                    }
                    c.status = Callback.Status.DONE;
                    c.outcome = input.outcome();
                    c.outcomeNote = input.note();
                    c.completedAt = now;
                    String note = "Call back: " + describe(input.outcome()) + (input.note() == null || input.note().isBlank() ? "" : "\n" + input.note());
                    return conversation.append(t, new MessageInput(note, null, Visibility.INTERNAL, AuthorKind.AGENT, null, null), actor, now, false)
                            .flatMap(m -> audit.record(tenant, t.id, null, actor, "callback.completed",
                                    Map.of("callback", c.id.toString(), "outcome", c.outcome.name())))
                            .flatMap(v -> tickets.flush())
                            .replaceWith(() -> TicketMapper.toDto(c));
                }));
    }

    private static String describe(Callback.Outcome outcome) {
        return switch (outcome) {
            case REACHED -> "reached the caller";
            case NO_ANSWER -> "no answer";
            case VOICEMAIL -> "left a voicemail";
            case WRONG_NUMBER -> "wrong number";
        };
    }
}
