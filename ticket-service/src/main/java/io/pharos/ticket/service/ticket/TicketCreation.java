package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.customer.CustomerService;
import io.pharos.ticket.service.routing.LanguageDetector;
import io.pharos.ticket.service.routing.Router;
import io.pharos.ticket.service.sla.SlaClocks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.pharos.commons.messaging.History;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.Live;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.TicketRepository;
import io.pharos.ticket.service.UniqueRaces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A new ticket: its requester resolved (or created), its number, its SLA clocks and the customer's
 * promise, its first message, routing, and {@code pharos.ticket.created}, in one transaction.
 */
@ApplicationScoped
public class TicketCreation {

    private final TicketRepository tickets;
    private final CustomerService customers;
    private final TicketNumbers numbers;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final SlaClocks sla;
    private final Conversation conversation;
    private final Router router;
    private final LanguageDetector languages;
    private final TimeSource time;
    private final Validator validator;

    public TicketCreation(TicketRepository tickets, CustomerService customers, TicketNumbers numbers, OutboxWriter outbox,
            AuditTrail audit, SlaClocks sla, Conversation conversation, Router router, TimeSource time, Validator validator,
            LanguageDetector languages) {
        this.languages = languages;
        this.validator = validator;
        this.tickets = tickets;
        this.customers = customers;
        this.numbers = numbers;
        this.outbox = outbox;
        this.audit = audit;
        this.sla = sla;
        this.conversation = conversation;
        this.router = router;
        this.time = time;
    }

    /**
     * A live create (GraphQL) in a transaction of its own, run again when it lost a race on a unique value
     * (the same new requester created at once by another request).
     */
    public Uni<TicketDto> create(String tenant, CreateTicketRequest request, Actor actor) {
        return UniqueRaces.retry(() -> Panache.withTransaction(() -> createInTransaction(tenant, request, actor)));
    }

    /**
     * A live create for callers that already hold a transaction (the idempotent REST create): held to the
     * limits of {@link CreateTicketRequest} in the {@link Live} group, so in server time.
     */
    public Uni<TicketDto> createInTransaction(String tenant, CreateTicketRequest input, Actor actor) {
        CreateTicketRequest request = ControlText.of(input);
        try {
            Validation.valid(validator, request, "Invalid ticket", Live.class);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return createInTransaction(tenant, request, actor, null, null);
    }

    /**
     * A ticket of history with its own {@code createdAt} (the import, which validated it), in the caller's transaction;
     * {@code openedBy} is what the import says (the history's first message comes later, on its own).
     */
    public Uni<TicketDto> createHistoryInTransaction(String tenant, CreateTicketRequest request, Actor actor, AuthorKind openedBy) {
        return create(tenant, request, actor, null, null, null, openedBy);
    }

    /**
     * As above for a customer's inbound message: {@code source} (where it came from) goes into the
     * created event; {@code firstText} tells the ticket's language when nothing else does.
     */
    public Uni<TicketDto> createInTransaction(String tenant, CreateTicketRequest request, Actor actor, TicketCreated.Source source,
            String firstText) {
        return createInTransaction(tenant, request, actor, source, firstText, null);
    }

    /** As above with the requester already resolved by the caller (null: resolved from the request). */
    public Uni<TicketDto> createInTransaction(String tenant, CreateTicketRequest request, Actor actor, TicketCreated.Source source,
            String firstText, CustomerService.Resolved resolved) {
        return create(tenant, request, actor, source, firstText, resolved, null);
    }

    /** {@code openedBy} null: told by the first message (an agent's opens proactively). */
    private Uni<TicketDto> create(String tenant, CreateTicketRequest request, Actor actor, TicketCreated.Source source,
            String firstText, CustomerService.Resolved resolved, AuthorKind openedBy) {
        Instant createdAt = (request.createdAt() != null ? request.createdAt() : time.now()).truncatedTo(ChronoUnit.MICROS);
        Uni<UUID> duplicate = request.externalId() == null ? Uni.createFrom().nullItem()
                : tickets.findByExternalId(tenant, request.externalId()).map(t -> t == null ? null : t.id);
        return duplicate.flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("ticket-exists",
                        "A ticket with externalId " + request.externalId() + " already exists: " + existing));
            }
            return resolved != null ? Uni.createFrom().item(resolved) : customers.resolve(tenant, request.requester(), actor, createdAt);
        }).flatMap(requester -> numbers.next(tenant).flatMap(number -> {
            Ticket t = new Ticket();
            SlaClocks.none(t);
            t.id = UUID.randomUUID();
            t.tenant = tenant;
            t.number = number;
            t.externalId = request.externalId();
            t.subject = request.subject().strip();
            t.status = TicketStatus.NEW;
            t.priority = request.priority() != null ? request.priority() : Priority.NORMAL;
            t.channel = request.channel() != null ? request.channel() : Channel.API;
            t.requesterId = requester.customer().id;
            t.team = request.team();
            t.tags = TicketRules.normaliseTags(request.tags());
            t.language = request.language() != null ? request.language() : requester.customer().language;
            if (t.language == null) {
                // known from the start, so that the created event (and the customer's receipt) speaks it
                t.language = languages.detect(request.message() != null ? request.message().text() : firstText);
            }
            t.createdAt = t.updatedAt = createdAt;
            t.openedBy = openedBy != null ? openedBy : proactive(request, actor, t) ? AuthorKind.AGENT : AuthorKind.CUSTOMER;
            TicketSnapshot created = EventData.ticket(t); // the ticket as created, before its first message and routing
            return tickets.persist(t)
                    .flatMap(v -> audit.record(tenant, t.id, t.requesterId, actor, "ticket.created",
                            Map.of("number", t.number, "channel", t.channel.name())))
                    // the customer's promise travels with the event: channel-gateway acknowledges with it
                    .flatMap(v -> live(request, time.now()) ? sla.started(t, proactive(request, actor, t), createdAt)
                            : Uni.createFrom().<SlaClocks.Promise> nullItem())
                    .flatMap(promise -> sla.snapshot(t).map(clocks -> new TicketCreated(created, requester.created(), source,
                            promise == null ? null
                                    : new TicketCreated.Promise(promise.policy(), promise.firstResponseDueAt(), promise.timeZone(),
                                            promise.openNow()),
                            clocks)))
                    .flatMap(event -> outbox.append(tenant, TicketEvents.TICKET_CREATED, t.id.toString(), event))
                    .flatMap(v -> request.message() == null ? Uni.createFrom().voidItem()
                            : conversation.append(t, request.message(), Conversation.firstMessageActor(request.message(), actor, t),
                                    createdAt, true).replaceWithVoid())
                    .flatMap(v -> live(request, time.now())
                            ? router.route(t, request.message() == null ? null : request.message().text(), createdAt)
                            : Uni.createFrom().voidItem())
                    .flatMap(v -> tickets.flush())
                    .map(v -> TicketMapper.toDto(t));
        }));
    }

    /**
     * A ticket of now gets SLA clocks, a promise and routing; one of history (imported, whatever its
     * timestamps, or created with a timestamp more than a few minutes old) does not: its outcomes are
     * history too, and no warning, acknowledgement or assignment should follow.
     */
    static boolean live(CreateTicketRequest request, Instant now) {
        return !History.isHistorical() && (request.createdAt() == null || TicketRules.live(request.createdAt(), now));
    }

    /** Opened by an agent's own message (outbound): there is nobody to give a first response to. */
    private static boolean proactive(CreateTicketRequest request, Actor actor, Ticket t) {
        return request.message() != null && Conversation.firstMessageActor(request.message(), actor, t).kind() == AuthorKind.AGENT;
    }
}
