package io.pharos.survey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.repository.InvitationRepository;
import io.pharos.survey.repository.ReplicaRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Applies ticket and customer events: keeps the replica survey-service needs and schedules an
 * invitation when a ticket is solved. Each event id is applied once, in the transaction of its
 * effect; an older snapshot never overwrites a newer one (events of one ticket may be replayed).
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

    @WithTransaction
    public Uni<Void> apply(JsonNode event) {
        String id = event.path("id").asText(null);
        String tenant = event.path("tenant").asText(null);
        String type = event.path("type").asText("");
        if (id == null || tenant == null || tenant.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("a CloudEvent needs an id and a tenant"));
        }
        return replicas.firstTime(id).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            JsonNode data = event.path("data");
            if (type.startsWith("pharos.customer.") && data.has("customer")) {
                return customer(tenant, data.get("customer"));
            }
            if (type.startsWith("pharos.ticket.") && data.has("ticket")) {
                return ticket(tenant, data.get("ticket")).flatMap(state -> {
                    boolean ended = (type.equals("pharos.ticket.solved") || type.equals("pharos.ticket.closed")) && state.solved();
                    if (!ended) {
                        return Uni.createFrom().voidItem(); // a reopened ticket is caught when its invitation falls due
                    }
                    Uni<Void> solved = type.equals("pharos.ticket.solved") ? schedule(tenant, state, SurveyDefinition.Trigger.TICKET_SOLVED)
                            : Uni.createFrom().voidItem();
                    // a live chat ends when its conversation is solved or closed
                    return "chat".equals(state.channel) ? solved.flatMap(v -> schedule(tenant, state, SurveyDefinition.Trigger.CHAT_ENDED))
                            : solved;
                });
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> customer(String tenant, JsonNode c) {
        UUID id = UUID.fromString(c.path("id").asText());
        Map<String, String> identities = new LinkedHashMap<>();
        c.path("identities").forEach(i -> identities.putIfAbsent(i.path("type").asText().toLowerCase(), i.path("value").asText()));
        return replicas.customer(tenant, id).flatMap(existing -> {
            CustomerContact contact = existing != null ? existing : new CustomerContact();
            contact.tenant = tenant;
            contact.customerId = id;
            contact.name = text(c, "name");
            contact.language = text(c, "language");
            contact.lifecycle = text(c, "lifecycle");
            try {
                contact.identities = json.writeValueAsString(identities);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            contact.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().voidItem()
                    : Panache.getSession().flatMap(s -> s.persist(contact));
        });
    }

    private Uni<TicketState> ticket(String tenant, JsonNode t) {
        UUID id = UUID.fromString(t.path("id").asText());
        Instant updatedAt = instant(t, "updatedAt");
        return replicas.ticket(tenant, id).flatMap(existing -> {
            if (existing != null && existing.updatedAt != null && updatedAt != null && updatedAt.isBefore(existing.updatedAt)) {
                return Uni.createFrom().item(existing); // a replayed, older snapshot
            }
            TicketState s = existing != null ? existing : new TicketState();
            s.tenant = tenant;
            s.ticketId = id;
            s.number = t.path("number").asLong();
            s.subject = t.path("subject").asText("");
            s.status = t.path("status").asText("").toLowerCase();
            s.channel = t.path("channel").asText("api").toLowerCase();
            s.customerId = UUID.fromString(t.path("requesterId").asText());
            s.assigneeId = text(t, "assigneeId");
            s.team = text(t, "team");
            List<String> tags = new ArrayList<>();
            t.path("tags").forEach(tag -> tags.add(tag.asText()));
            s.tags = tags.toArray(String[]::new);
            s.language = text(t, "language");
            s.solvedAt = instant(t, "solvedAt");
            s.updatedAt = updatedAt != null ? updatedAt : Instant.now();
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
                    if (existing.status == Invitation.Status.SKIPPED && InvitationSender.REOPENED.equals(existing.skipReason)) {
                        // skipped because the ticket was reopened before it went out: solved again, ask now
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

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : Instant.parse(v);
    }
}
