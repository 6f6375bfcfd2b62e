package io.pharos.survey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.CustomerEvent;
import io.pharos.contracts.ticket.CustomerSnapshot;
import io.pharos.contracts.ticket.TicketEvent;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.repository.InvitationRepository;
import io.pharos.survey.repository.ReplicaRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;

/**
 * Applies ticket and customer events: keeps the replica survey-service needs and schedules an
 * invitation when a ticket is solved. Each event id is applied once, in the transaction of its
 * effect; an older snapshot never overwrites a newer one (events of one ticket may be replayed).
 * An event of imported history ({@link IncomingEvent#historical()}) updates the replica only: a
 * conversation of months ago is never surveyed (issue 20).
 */
@ApplicationScoped
public class TicketEventService {

    private final ReplicaRepository replicas;
    private final InvitationRepository invitations;
    private final SurveyDefinitionService definitions;
    private final ObjectMapper json;

    public TicketEventService(ReplicaRepository replicas, InvitationRepository invitations, SurveyDefinitionService definitions,
            ObjectMapper json) {
        this.replicas = replicas;
        this.invitations = invitations;
        this.definitions = definitions;
        this.json = json;
    }

    /** Applies one event of {@code pharos.ticket.events}; other types than tickets' and customers' change nothing. */
    @WithTransaction
    public Uni<Void> apply(IncomingEvent event) {
        String tenant = event.tenant();
        if (event.envelope().id() == null || tenant == null || tenant.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("a CloudEvent needs an id and a tenant"));
        }
        return replicas.firstTime(event.envelope().id().toString()).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Optional<EventType<? extends CustomerEvent>> customerType = TicketEvents.CUSTOMER.stream().filter(event::is).findFirst();
            if (customerType.isPresent()) {
                return Uni.createFrom().item(Unchecked.supplier(() -> event.data(json, customerType.get())))
                        .flatMap(data -> data.customer() == null ? Uni.createFrom().voidItem()
                                : customer(tenant, data.customer(), event.historical()));
            }
            Optional<EventType<? extends TicketEvent>> ticketType = TicketEvents.TICKET.stream().filter(event::is).findFirst();
            if (ticketType.isPresent()) {
                return Uni.createFrom().item(Unchecked.supplier(() -> event.data(json, ticketType.get())))
                        .flatMap(data -> data.ticket() == null ? Uni.createFrom().voidItem() : ticketChanged(tenant, event, data.ticket()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> ticketChanged(String tenant, IncomingEvent event, TicketSnapshot snapshot) {
        return ticket(tenant, snapshot, event.historical()).flatMap(state -> {
            if (event.historical()) {
                return Uni.createFrom().voidItem(); // history is projected, never answered with an invitation
            }
            boolean solvedEvent = event.is(TicketEvents.TICKET_SOLVED);
            boolean ended = (solvedEvent || event.is(TicketEvents.TICKET_CLOSED)) && state.solved();
            if (!ended) {
                return Uni.createFrom().voidItem(); // a reopened ticket is caught when its invitation falls due
            }
            Uni<Void> solved = solvedEvent ? schedule(tenant, state, SurveyDefinition.Trigger.TICKET_SOLVED) : Uni.createFrom().voidItem();
            // a live chat ends when its conversation is solved or closed
            return "chat".equals(state.channel) ? solved.flatMap(v -> schedule(tenant, state, SurveyDefinition.Trigger.CHAT_ENDED))
                    : solved;
        });
    }

    private Uni<Void> customer(String tenant, CustomerSnapshot c, boolean historical) {
        Map<String, String> identities = new LinkedHashMap<>();
        if (c.identities() != null) {
            c.identities().forEach(i -> identities.putIfAbsent(lowerCase(i.type()), i.value()));
        }
        return replicas.customer(tenant, c.id()).flatMap(existing -> {
            CustomerContact contact = existing != null ? existing : new CustomerContact();
            contact.tenant = tenant;
            contact.customerId = c.id();
            contact.name = c.name();
            contact.language = c.language();
            contact.lifecycle = lowerCase(c.lifecycle());
            try {
                contact.identities = json.writeValueAsString(identities);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            contact.updatedAt = Instant.now();
            if (existing == null && historical) {
                contact.importedAt = contact.updatedAt; // see RelationshipSurveys: not asked in the import's own period
            }
            return existing != null ? Uni.createFrom().voidItem()
                    : Panache.getSession().flatMap(s -> s.persist(contact));
        });
    }

    private Uni<TicketState> ticket(String tenant, TicketSnapshot t, boolean historical) {
        Instant updatedAt = t.updatedAt();
        return replicas.ticket(tenant, t.id()).flatMap(existing -> {
            if (existing != null && existing.updatedAt != null && updatedAt != null && updatedAt.isBefore(existing.updatedAt)) {
                return Uni.createFrom().item(existing); // a replayed, older snapshot
            }
            TicketState s = existing != null ? existing : new TicketState();
            s.tenant = tenant;
            s.ticketId = t.id();
            s.number = t.number();
            s.externalId = t.externalId();
            s.subject = t.subject() == null ? "" : t.subject();
            s.status = t.status() == null ? "" : lowerCase(t.status());
            s.channel = t.channel() == null ? "api" : lowerCase(t.channel());
            s.customerId = t.requesterId();
            s.assigneeId = t.assigneeId();
            s.team = t.team();
            s.tags = t.tags() == null ? new String[0] : t.tags().toArray(String[]::new);
            s.language = t.language();
            s.solvedAt = t.solvedAt();
            s.updatedAt = updatedAt != null ? updatedAt : Instant.now();
            s.historical = historical;
            return (existing != null ? Uni.createFrom().item(s) : Panache.getSession().flatMap(x -> x.persist(s)).replaceWith(s));
        });
    }

    /** At most one invitation per survey and ticket: a ticket reopened and solved again is asked once. */
    private Uni<Void> schedule(String tenant, TicketState ticket, SurveyDefinition.Trigger trigger) {
        Instant solvedAt = ticket.solvedAt != null ? ticket.solvedAt : Instant.now();
        return definitions.enabledOrDefault(tenant, trigger).flatMap(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SurveyDefinition d : list) {
                if (!applies(d, ticket)) {
                    continue;
                }
                chain = chain.flatMap(v -> invitations.forTicket(d.id, ticket.ticketId).flatMap(existing -> {
                    Instant due = solvedAt.plus(Duration.ofSeconds(d.delaySeconds)).truncatedTo(ChronoUnit.MICROS);
                    if (existing == null) {
                        Invitation i = new Invitation();
                        i.id = UUID.randomUUID();
                        i.tenant = tenant;
                        i.definitionId = d.id;
                        i.ticketId = ticket.ticketId;
                        i.customerId = ticket.customerId;
                        i.status = Invitation.Status.SCHEDULED;
                        i.dueAt = due;
                        i.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        return invitations.persist(i).replaceWithVoid();
                    }
                    if (existing.status == Invitation.Status.SKIPPED && (InvitationSender.REOPENED.equals(existing.skipReason)
                            || InvitationSender.HISTORY.equals(existing.skipReason))) {
                        // skipped because the ticket was reopened (or overtaken by imported history) before it went out:
                        // solved again, live, ask now
                        existing.status = Invitation.Status.SCHEDULED;
                        existing.skipReason = null;
                        existing.dueAt = due;
                    }
                    return Uni.createFrom().voidItem();
                }));
            }
            return chain;
        });
    }

    static boolean applies(SurveyDefinition d, TicketState ticket) {
        boolean channel = d.channels.length == 0 || Arrays.asList(d.channels).contains(ticket.channel);
        boolean tags = d.tags.length == 0 || Arrays.stream(d.tags).anyMatch(Arrays.asList(ticket.tags)::contains);
        return channel && tags;
    }

    /** An enum as the replicas keep it: lower-case, as it travels. */
    private static String lowerCase(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
