package io.pharos.ticket.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.paging.Cursor;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.HistoryEntryDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.Page;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.api.TicketFilter;
import io.pharos.ticket.api.TicketPatch;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tickets and their conversations: every change is checked against the workflow, recorded in
 * the audit trail and published through the outbox in the same transaction.
 */
@ApplicationScoped
public class TicketService {

    public static final int MAX_PAGE = 100;

    private final TicketRepository tickets;
    private final MessageRepository messages;
    private final CustomerService customers;
    private final TicketNumbers numbers;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final SlaClocks sla;
    private final TimeSource time;
    private final Router router;

    public TicketService(TicketRepository tickets, MessageRepository messages, CustomerService customers,
            TicketNumbers numbers, OutboxWriter outbox, AuditTrail audit, SlaClocks sla, TimeSource time, Router router) {
        this.sla = sla;
        this.router = router;
        this.time = time;
        this.tickets = tickets;
        this.messages = messages;
        this.customers = customers;
        this.numbers = numbers;
        this.outbox = outbox;
        this.audit = audit;
    }

    public CustomerService customers() {
        return customers;
    }

    // ------------------------------------------------------------------ create

    @WithTransaction
    public Uni<TicketDto> create(String tenant, CreateTicketRequest request, Actor actor) {
        return createInTransaction(tenant, request, actor);
    }

    /** The create itself, for callers that already hold a transaction (idempotent create, import). */
    public Uni<TicketDto> createInTransaction(String tenant, CreateTicketRequest request, Actor actor) {
        return createInTransaction(tenant, request, actor, null, null);
    }

    /**
     * As above for a customer's inbound message: {@code source} (where it came from) goes into the
     * created event; {@code firstText} tells the ticket's language when nothing else does.
     */
    public Uni<TicketDto> createInTransaction(String tenant, CreateTicketRequest request, Actor actor, Map<String, Object> source,
            String firstText) {
        Instant createdAt = (request.createdAt() != null ? request.createdAt() : time.now()).truncatedTo(ChronoUnit.MICROS);
        Uni<UUID> duplicate = request.externalId() == null ? Uni.createFrom().nullItem()
                : tickets.findByExternalId(tenant, request.externalId()).map(t -> t == null ? null : t.id);
        return duplicate.flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("ticket-exists",
                        "A ticket with externalId " + request.externalId() + " already exists: " + existing));
            }
            return customers.resolve(tenant, request.requester(), actor, createdAt);
        }).flatMap(requester -> numbers.next(tenant).flatMap(number -> {
            Ticket t = new Ticket();
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
            t.tags = normaliseTags(request.tags());
            t.language = request.language() != null ? request.language() : requester.customer().language;
            if (t.language == null) {
                // known from the start, so that the created event (and the customer's receipt) speaks it
                t.language = LanguageDetector.detect(request.message() != null ? request.message().text() : firstText);
            }
            t.createdAt = t.updatedAt = createdAt;
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("ticket", EventData.ticket(t));
            created.put("requesterCreated", requester.created());
            if (source != null) {
                created.put("source", source);
            }
            return tickets.persist(t)
                    .flatMap(v -> audit.record(tenant, t.id, t.requesterId, actor, "ticket.created",
                            Map.of("number", t.number, "channel", t.channel.name())))
                    // the customer's promise travels with the event: channel-gateway acknowledges with it
                    .flatMap(v -> live(request, time.now()) ? sla.started(t, proactive(request, actor, t), createdAt)
                            : Uni.createFrom().<SlaClocks.Promise> nullItem())
                    .invoke(promise -> {
                        if (promise != null) {
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("policy", promise.policy());
                            p.put("firstResponseDueAt", promise.firstResponseDueAt());
                            p.put("timeZone", promise.timeZone());
                            p.put("openNow", promise.openNow());
                            created.put("promise", p);
                        }
                    })
                    .flatMap(v -> sla.snapshot(t)).invoke(clocks -> created.put("slaClocks", clocks))
                    .flatMap(v -> outbox.append(tenant, Topics.TICKET_EVENTS, "pharos.ticket.created", t.id.toString(), created))
                    .flatMap(v -> request.message() == null ? Uni.createFrom().voidItem()
                            : appendMessage(t, request.message(), firstMessageActor(request.message(), actor, t), createdAt, true)
                                    .replaceWithVoid())
                    .flatMap(v -> live(request, time.now())
                            ? router.route(t, request.message() == null ? null : request.message().text(), createdAt)
                            : Uni.createFrom().voidItem())
                    .flatMap(v -> tickets.flush())
                    .map(v -> TicketMapper.toDto(t));
        }));
    }

    /**
     * A ticket of now gets SLA clocks; one of history (imported, or created with a timestamp more
     * than a few minutes old) does not: its outcomes are history too, and no warning should fire.
     */
    static boolean live(CreateTicketRequest request, Instant now) {
        return request.createdAt() == null || live(request.createdAt(), now);
    }

    /** Whether something that happened {@code at} is of now rather than history (imported, back-dated). */
    static boolean live(Instant at, Instant now) {
        return at.isAfter(now.minus(java.time.Duration.ofMinutes(5)));
    }

    /** Opened by an agent's own message (outbound): there is nobody to give a first response to. */
    private boolean proactive(CreateTicketRequest request, Actor actor, Ticket t) {
        return request.message() != null && firstMessageActor(request.message(), actor, t).kind() == AuthorKind.AGENT;
    }

    /** Imported steps between two flushes that also empty the session (see {@link #flushAndClear()}). */
    static final int IMPORT_STEPS_PER_FLUSH = 100;

    /**
     * Imports one ticket with its history in one transaction: created, then messages and status
     * changes in time order with their own timestamps. Historical replies are not delivered again.
     */
    @WithTransaction
    public Uni<TicketDto> importTicket(String tenant, io.pharos.ticket.api.ImportedTicket in, Actor actor) {
        CreateTicketRequest create = new CreateTicketRequest(in.subject(), in.channel(), in.priority(), in.requester(), null,
                in.tags(), in.createdAt(), in.externalId(), in.team(), in.language());
        record Step(Instant at, MessageInput message, TicketStatus status) {
        }
        List<Step> steps = new ArrayList<>();
        if (in.messages() != null) {
            in.messages().forEach(m -> steps.add(new Step(m.createdAt() != null ? m.createdAt() : in.createdAt(), m, null)));
        }
        if (in.statusChanges() != null) {
            in.statusChanges().forEach(c -> steps.add(new Step(c.at(), null, c.status())));
        }
        steps.sort(java.util.Comparator.comparing(Step::at)); // stable: a message and a status change at one instant keep their order
        return createInTransaction(tenant, create, actor)
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
                        Instant at = step.at().truncatedTo(ChronoUnit.MICROS);
                        Uni<Void> applied;
                        if (step.message() != null) {
                            applied = appendMessage(t, step.message(), firstMessageActor(step.message(), actor, t), at, false)
                                    .replaceWithVoid();
                        } else if (t.status == step.status()) {
                            applied = Uni.createFrom().voidItem();
                        } else {
                            TicketStatus before = t.status;
                            StatusWorkflow.check(before, step.status());
                            t.status = step.status();
                            t.updatedAt = max(t.updatedAt, at);
                            applied = statusEvents(t, before, actor, at);
                        }
                        return ++done[0] % IMPORT_STEPS_PER_FLUSH != 0 ? applied
                                : applied.flatMap(v -> flushAndClear()).flatMap(v -> tickets.findInTenant(tenant, t.id))
                                        .invoke(reloaded -> current[0] = reloaded).replaceWithVoid();
                    }).collect().last().flatMap(v -> tickets.flush()).map(v -> TicketMapper.toDto(current[0]));
                });
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

    // ------------------------------------------------------------------ read

    /** One ticket, with where its SLA clocks stand. */
    @WithSession
    public Uni<TicketDto> get(String tenant, UUID id) {
        return load(tenant, id).map(TicketMapper::toDto)
                .flatMap(t -> sla.statusOf(tenant, List.of(t.id()), time.now()).map(status -> t.withSla(status.get(t.id()))));
    }

    @WithSession
    public Uni<Page<TicketDto>> list(String tenant, TicketFilter filter, String cursor, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Cursor after = Cursor.decode(cursor);
        boolean feed = filter.updatedSince() != null;
        StringBuilder q = new StringBuilder("tenant = :tenant");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", tenant);
        and(q, p, "status = :status", "status", filter.status());
        and(q, p, "assigneeId = :assignee", "assignee", filter.assigneeId());
        and(q, p, "requesterId = :requester", "requester", filter.requesterId());
        and(q, p, "externalId = :externalId", "externalId", filter.externalId());
        and(q, p, "channel = :channel", "channel", filter.channel());
        and(q, p, "team = :team", "team", filter.team());
        and(q, p, "array_contains(tags, :tag)", "tag", filter.tag());
        // search_text (V6__search_without_accents.sql) folds case by ICU and drops accents, on both sides; trigram indexes
        and(q, p, "(function('search_text' as String, subject) like function('search_text' as String, :search) or id in (select m.ticketId"
                + " from Message m where m.tenant = :tenant and function('search_text' as String, m.bodyText) like function('search_text' as String, :search)))",
                "search", filter.search() == null ? null : "%" + filter.search().replace("%", "\\%").replace("_", "\\_") + "%");
        if (feed) {
            q.append(" and updatedAt >= :since");
            p.put("since", filter.updatedSince());
            if (after != null) {
                q.append(" and (updatedAt > :afterAt or (updatedAt = :afterAt and id > :afterId))");
            }
            q.append(" order by updatedAt asc, id asc");
        } else {
            if (after != null) {
                q.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            }
            q.append(" order by createdAt desc, id desc");
        }
        if (after != null) {
            p.put("afterAt", after.at());
            p.put("afterId", after.id());
        }
        // one more than asked for tells whether a next page exists (Panache ranges are inclusive)
        return tickets.find(q.toString(), p).range(0, size).list().map(fetched -> {
            List<Ticket> found = fetched.size() > size ? fetched.subList(0, size) : fetched;
            String next = null;
            if (fetched.size() > size) {
                Ticket last = found.get(found.size() - 1);
                next = new Cursor(feed ? last.updatedAt : last.createdAt, last.id).encode();
            }
            return new Page<>(found.stream().map(TicketMapper::toDto).toList(), next);
        });
    }

    /** Adds a filter clause when its value is given. */
    private static void and(StringBuilder query, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            query.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    /** Several tickets' conversations in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<MessageDto>>> messagesOf(String tenant, List<UUID> ticketIds, boolean includeInternal) {
        return messages.forTickets(tenant, ticketIds, includeInternal).map(list -> list.stream().map(TicketMapper::toDto)
                .collect(java.util.stream.Collectors.groupingBy(MessageDto::ticketId)));
    }

    /** Several customers' tickets, newest first, in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<TicketDto>>> ofRequesters(String tenant, List<UUID> requesterIds) {
        return tickets.list("tenant = ?1 and requesterId in ?2 order by createdAt desc, id desc", tenant, requesterIds)
                .map(list -> list.stream().map(TicketMapper::toDto)
                        .collect(java.util.stream.Collectors.groupingBy(TicketDto::requesterId)));
    }

    @WithSession
    public Uni<List<TicketDto>> byIds(String tenant, List<UUID> ids) {
        return tickets.list("tenant = ?1 and id in ?2", tenant, ids).map(list -> list.stream().map(TicketMapper::toDto).toList());
    }

    @WithSession
    public Uni<List<MessageDto>> messages(String tenant, UUID ticketId, boolean includeInternal) {
        return load(tenant, ticketId).flatMap(t -> messages.forTickets(tenant, List.of(t.id), includeInternal))
                .map(list -> list.stream().map(TicketMapper::toDto).toList());
    }

    /** Who changed what and when, oldest first. */
    @WithSession
    public Uni<List<HistoryEntryDto>> history(String tenant, UUID ticketId) {
        return load(tenant, ticketId).flatMap(t -> audit.historyOf(tenant, List.of(t.id)))
                .map(byTicket -> byTicket.getOrDefault(ticketId, List.of()));
    }

    /** Several tickets' trails in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<HistoryEntryDto>>> historyOf(String tenant, List<UUID> ticketIds) {
        return audit.historyOf(tenant, ticketIds);
    }

    // ------------------------------------------------------------------ change

    @WithTransaction
    public Uni<TicketDto> update(String tenant, UUID id, Long expectedVersion, TicketPatch patch, Actor actor) {
        return load(tenant, id).flatMap(t -> {
            if (expectedVersion != null && t.version != expectedVersion) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed("Ticket " + id + " is at version "
                        + t.version + ", not " + expectedVersion + ": read it again and reapply the change."));
            }
            return applyPatch(t, patch, actor).flatMap(v -> tickets.flush()).map(v -> TicketMapper.toDto(t));
        });
    }

    @WithTransaction
    public Uni<MessageDto> addMessage(String tenant, UUID ticketId, MessageInput input, Actor actor) {
        return load(tenant, ticketId).flatMap(t -> {
            if (t.status == TicketStatus.CLOSED) {
                return Uni.createFrom().failure(ProblemException.conflict("ticket-closed",
                        "Ticket " + t.number + " is closed; a follow-up needs a new ticket."));
            }
            Instant at = (input.createdAt() != null ? input.createdAt() : time.now()).truncatedTo(ChronoUnit.MICROS);
            return appendMessage(t, input, author(input, actor, t), at, true).flatMap(m -> tickets.flush().map(v -> TicketMapper.toDto(m)));
        });
    }

    /** Adds a message and applies what it means for the ticket (first reply, reopen, delivery). */
    Uni<Message> appendMessage(Ticket t, MessageInput input, Actor author, Instant at, boolean deliver) {
        return appendMessage(t, input, author, at, deliver, m -> {
        });
    }

    /** As above; {@code details} fills in what only the caller knows (provider ids, attachments). */
    Uni<Message> appendMessage(Ticket t, MessageInput input, Actor author, Instant at, boolean deliver,
            java.util.function.Consumer<Message> details) {
        if ((input.text() == null || input.text().isBlank()) && (input.html() == null || input.html().isBlank())) {
            return Uni.createFrom().failure(ProblemException.badRequest("empty-message", "A message needs text or html."));
        }
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.tenant = t.tenant;
        m.ticketId = t.id;
        m.externalId = input.externalId();
        m.authorKind = author.kind();
        m.authorId = author.id();
        m.visibility = input.visibility() != null ? input.visibility() : Visibility.PUBLIC;
        if (m.authorKind == AuthorKind.CUSTOMER && m.visibility == Visibility.INTERNAL) {
            return Uni.createFrom().failure(ProblemException.badRequest("customer-internal-note",
                    "A customer message is always public."));
        }
        m.bodyHtml = HtmlSanitizer.sanitize(input.html());
        m.bodyText = input.text() != null && !input.text().isBlank() ? input.text() : HtmlSanitizer.text(m.bodyHtml);
        m.channel = t.channel;
        m.createdAt = at;
        details.accept(m);
        boolean agentPublic = m.authorKind == AuthorKind.AGENT && m.visibility == Visibility.PUBLIC;
        boolean firstReply = agentPublic && t.firstPublicReplyAt == null;
        if (agentPublic) {
            m.deliveryStatus = deliver ? DeliveryStatus.PENDING : DeliveryStatus.DELIVERED;
        }
        if (firstReply) {
            t.firstPublicReplyAt = at;
        }
        TicketStatus before = t.status;
        if (agentPublic && before == TicketStatus.NEW) {
            t.status = TicketStatus.OPEN;
        } else if (m.authorKind == AuthorKind.CUSTOMER && before != TicketStatus.NEW && before != TicketStatus.OPEN) {
            t.status = TicketStatus.OPEN; // the customer answered: pending, on hold and solved tickets need attention again
        }
        t.updatedAt = max(t.updatedAt, at);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("message", EventData.message(m, firstReply));
        return messages.persist(m)
                .flatMap(v -> audit.record(t.tenant, t.id, null, author, "message.added",
                        Map.of("message", m.id.toString(), "visibility", m.visibility.name(), "author", m.authorKind.name())))
                .flatMap(v -> statusEvents(t, before, author, at))
                .flatMap(v -> sla.messageAdded(t, agentPublic, m.authorKind == AuthorKind.CUSTOMER, at))
                .flatMap(v -> sla.snapshot(t))
                .flatMap(clocks -> {
                    added.put("ticket", EventData.ticket(t));
                    added.put("slaClocks", clocks);
                    return outbox.append(t.tenant, Topics.TICKET_EVENTS, "pharos.ticket.message.added", t.id.toString(), added);
                })
                .flatMap(v -> agentPublic && deliver ? requestDelivery(t, m) : Uni.createFrom().voidItem())
                .replaceWith(m);
    }

    private Uni<Void> applyPatch(Ticket t, TicketPatch patch, Actor actor) {
        Instant now = time.now();
        Map<String, Object> changes = new LinkedHashMap<>();
        TicketStatus before = t.status;
        boolean assignment = false;
        if (patch.subject() != null && !patch.subject().equals(t.subject)) {
            changes.put("subject", t.subject = patch.subject().strip());
        }
        boolean reclassified = false;
        if (patch.priority() != null && patch.priority() != t.priority) {
            changes.put("priority", t.priority = patch.priority());
            reclassified = true;
        }
        if (patch.tags() != null) {
            String[] tags = normaliseTags(patch.tags());
            if (!Arrays.equals(tags, t.tags)) {
                t.tags = tags;
                changes.put("tags", List.of(tags));
                reclassified = true;
            }
        }
        if (patch.language() != null && !patch.language().equals(t.language)) {
            changes.put("language", t.language = patch.language());
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
        boolean replan = reclassified;
        Map<String, Object> other = new LinkedHashMap<>(changes);
        other.remove("status");
        other.remove("assigneeId");
        other.remove("team");
        return audit.record(t.tenant, t.id, null, actor, "ticket.updated", changes)
                .flatMap(v -> replan ? sla.reclassified(t, now) : Uni.createFrom().voidItem())
                .flatMap(v -> statusEvents(t, before, actor, now))
                .flatMap(v -> !assigned ? Uni.createFrom().voidItem()
                        : event(t, "pharos.ticket.assigned", Map.of("assigneeId", String.valueOf(t.assigneeId),
                                "team", String.valueOf(t.team))))
                .flatMap(v -> other.isEmpty() ? Uni.createFrom().voidItem()
                        : event(t, "pharos.ticket.updated", Map.of("changes", other)));
    }

    /** Stamps the times a status change means and publishes it (plus solved/reopened/closed). */
    private Uni<Void> statusEvents(Ticket t, TicketStatus before, Actor actor, Instant at) {
        if (before == t.status) {
            return Uni.createFrom().voidItem();
        }
        String specific = null;
        if (t.status == TicketStatus.SOLVED) {
            t.solvedAt = at;
            if (t.firstSolvedAt == null) {
                t.firstSolvedAt = at;
            }
            specific = "pharos.ticket.solved";
        } else if (t.status == TicketStatus.CLOSED) {
            t.closedAt = at;
            specific = "pharos.ticket.closed";
        } else if (StatusWorkflow.isReopen(before, t.status)) {
            t.reopenCount++;
            t.solvedAt = null;
            specific = "pharos.ticket.reopened";
        }
        Map<String, Object> change = Map.of("previousStatus", before, "status", t.status, "changedAt", at,
                "changedBy", actor.label());
        String then = specific;
        boolean reopened = StatusWorkflow.isReopen(before, t.status);
        return sla.statusChanged(t, before, at)
                .flatMap(v -> event(t, "pharos.ticket.status.changed", change))
                // a reopen of history (an import) is not handed to whoever is online today
                .flatMap(v -> reopened && live(at, time.now()) ? router.route(t, null, at) : Uni.createFrom().voidItem())
                .flatMap(v -> then == null ? Uni.createFrom().voidItem() : event(t, then, change));
    }

    /** Asks channel-gateway to deliver an agent's public reply on the ticket's channel. */
    private Uni<Void> requestDelivery(Ticket t, Message m) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity where tenant = ?1 and customer.id = ?2 order by createdAt", CustomerIdentity.class)
                .setParameter(1, t.tenant).setParameter(2, t.requesterId).getResultList()
                .flatMap(ids -> s.createSelectionQuery("select emailMessageId from Message where tenant = ?1 and ticketId = ?2"
                        + " and emailMessageId is not null order by createdAt", String.class)
                        .setParameter(1, t.tenant).setParameter(2, t.id).getResultList()
                        .flatMap(threadIds -> {
                            Map<String, Object> recipient = new LinkedHashMap<>();
                            recipient.put("customerId", t.requesterId.toString());
                            for (CustomerIdentity i : ids) {
                                recipient.putIfAbsent(i.type.name().toLowerCase(), i.value);
                            }
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("requestId", m.id.toString());
                            data.put("ticketId", t.id.toString());
                            data.put("ticketNumber", t.number);
                            data.put("messageId", m.id.toString());
                            data.put("channel", deliveryChannel(t.channel, ids));
                            data.put("recipient", recipient);
                            data.put("subject", "[#" + t.number + "] " + t.subject);
                            data.put("text", m.bodyText);
                            data.put("html", m.bodyHtml);
                            data.put("inReplyTo", threadIds.isEmpty() ? null : threadIds.get(threadIds.size() - 1));
                            data.put("references", threadIds);
                            data.put("language", t.language);
                            return outbox.append(t.tenant, Topics.CHANNEL_OUTBOUND, "pharos.channel.message.requested",
                                    t.id.toString(), data).replaceWithVoid();
                        })));
    }

    /** A ticket opened over the API is answered by email when the customer has an address. */
    static Channel deliveryChannel(Channel ticketChannel, List<CustomerIdentity> identities) {
        if (ticketChannel != Channel.API && ticketChannel != Channel.FORM) {
            return ticketChannel;
        }
        boolean email = identities.stream().anyMatch(i -> i.type == IdentityType.EMAIL);
        return email ? Channel.EMAIL : ticketChannel;
    }

    private Uni<Void> event(Ticket t, String type, Map<String, Object> extra) {
        return sla.snapshot(t).flatMap(clocks -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ticket", EventData.ticket(t));
            data.put("slaClocks", clocks);
            data.putAll(extra);
            return outbox.append(t.tenant, Topics.TICKET_EVENTS, type, t.id.toString(), data).replaceWithVoid();
        });
    }

    private Uni<Ticket> load(String tenant, UUID id) {
        return tickets.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", id));
    }

    /**
     * Who a message is from: agents write as themselves; an integrator relays the customer's
     * words unless it says otherwise (e.g. importing an agent's reply).
     */
    private static Actor author(MessageInput input, Actor caller, Ticket t) {
        if (!caller.integrator()) {
            return caller;
        }
        return firstMessageActor(input, caller, t);
    }

    private static Actor firstMessageActor(MessageInput message, Actor creator, Ticket t) {
        if (message.author() == AuthorKind.AGENT) {
            return creator.kind() == AuthorKind.AGENT ? creator : new Actor(AuthorKind.AGENT, null, creator.name(), true);
        }
        if (message.author() == AuthorKind.SYSTEM) {
            return Actor.system();
        }
        return new Actor(AuthorKind.CUSTOMER, t.requesterId.toString(), null, false);
    }

    static String[] normaliseTags(List<String> tags) {
        return tags == null ? new String[0]
                : tags.stream().map(s -> s.strip().toLowerCase()).filter(s -> !s.isEmpty()).distinct().sorted().toArray(String[]::new);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }


}
