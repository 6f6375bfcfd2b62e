package io.pharos.ticket.service.routing;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.ticket.TicketAssigned;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.ticket.domain.Agent;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.RoutingRule;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.AgentRepository;
import io.pharos.ticket.repository.RoutingRuleRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Routing and assignment. Rules choose a team (and skills); within the team a new or reopened
 * unassigned ticket goes to an online agent who speaks its language and has the skills, with the
 * fewest open tickets below capacity (round robin on ties). Without one it waits in the team's
 * queue until an agent comes online. An assignment someone made by hand is never overridden.
 * Every decision goes into the audit trail with its reason. Runs inside the ticket's transaction.
 */
@ApplicationScoped
public class Router {

    private final RoutingRuleRepository rules;
    private final AgentRepository agents;
    private final AuditTrail audit;
    private final OutboxWriter outbox;
    private final TimeSource time;
    private final LanguageDetector languages;

    public Router(RoutingRuleRepository rules, AgentRepository agents, AuditTrail audit, OutboxWriter outbox, TimeSource time,
            LanguageDetector languages) {
        this.languages = languages;
        this.rules = rules;
        this.agents = agents;
        this.audit = audit;
        this.outbox = outbox;
        this.time = time;
    }

    /** Routes a new or reopened ticket that nobody holds; {@code text} is its first message, to tell its language. */
    public Uni<Void> route(Ticket t, String text, Instant at) {
        if (t.assigneeId != null) {
            return Uni.createFrom().voidItem();
        }
        if (t.language == null) {
            t.language = languages.detect(text);
        }
        return Panache.getSession().flatMap(s -> s.find(Customer.class, t.requesterId))
                .map(c -> c == null || c.tags == null ? List.<String> of() : Arrays.asList(c.tags))
                .flatMap(customerTags -> rules.ofTenant(t.tenant)
                        .map(list -> list.stream().filter(r -> r.enabled && matches(r, t, customerTags)).findFirst().orElse(null)))
                .flatMap(rule -> {
                    if (rule != null) {
                        if (t.team == null) {
                            t.team = rule.team;
                        }
                        t.requiredSkills = rule.requiredSkills;
                    }
                    if (t.team == null) {
                        return Uni.createFrom().voidItem(); // no team: the ticket stays in the shared inbox
                    }
                    return assign(t, at, rule != null ? "rule \"" + rule.name + "\"" : "team " + t.team);
                });
    }

    /** An agent came online: the waiting tickets of their team go out again, oldest first. */
    public Uni<Void> drainQueue(Agent agent) {
        if (agent.team == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = time.now();
        return Panache.getSession().flatMap(s -> s.createSelectionQuery("from Ticket where tenant = ?1 and team = ?2"
                + " and assigneeId is null and status in (?3, ?4) order by createdAt, id", Ticket.class)
                .setParameter(1, agent.tenant).setParameter(2, agent.team).setParameter(3, TicketStatus.NEW)
                .setParameter(4, TicketStatus.OPEN).setMaxResults(Math.max(1, agent.capacity)).getResultList())
                .flatMap(waiting -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Ticket t : waiting) {
                        chain = chain.flatMap(v -> t.assigneeId != null ? Uni.createFrom().voidItem()
                                : assign(t, now, "waiting in the queue of team " + t.team + " when " + agent.username + " came online"));
                    }
                    return chain;
                });
    }

    private Uni<Void> assign(Ticket t, Instant at, String why) {
        return agents.pick(t.tenant, t.team, t.language, t.requiredSkills).flatMap(agent -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("team", t.team);
            detail.put("language", t.language);
            detail.put("requiredSkills", List.of(t.requiredSkills));
            if (agent == null) {
                detail.put("reason", why + ": no online agent of the team" + (t.language != null ? " speaking " + t.language : "")
                        + (t.requiredSkills.length > 0 ? " with " + String.join(", ", t.requiredSkills) : "")
                        + " has free capacity; waiting in the team's queue");
                return audit.record(t.tenant, t.id, null, Actor.system(), "ticket.queued", detail);
            }
            t.assigneeId = agent.id;
            agent.lastAssignedAt = at;
            if (t.updatedAt == null || t.updatedAt.isBefore(at)) {
                t.updatedAt = at;
            }
            detail.put("assigneeId", agent.id);
            detail.put("assignee", agent.username);
            detail.put("reason", why + ": " + agent.username + " is online" + (t.language != null ? ", speaks " + t.language : "")
                    + " and had the fewest open tickets below capacity");
            TicketAssigned event = new TicketAssigned(EventData.ticket(t), null, agent.id, t.team, true);
            return audit.record(t.tenant, t.id, null, Actor.system(), "ticket.routed", detail)
                    .flatMap(v -> outbox.append(t.tenant, TicketEvents.TICKET_ASSIGNED, t.id.toString(), event))
                    .replaceWithVoid();
        });
    }

    static boolean matches(RoutingRule r, Ticket t, List<String> customerTags) {
        return (r.channels.length == 0 || Arrays.asList(r.channels).contains(t.channel.name()))
                && (r.languages.length == 0 || t.language != null && Arrays.asList(r.languages).contains(t.language))
                && (r.priorities.length == 0 || Arrays.asList(r.priorities).contains(t.priority.name()))
                && (r.tags.length == 0 || Arrays.stream(r.tags).anyMatch(Arrays.asList(t.tags)::contains))
                && (r.customerTags.length == 0 || Arrays.stream(r.customerTags).anyMatch(customerTags::contains));
    }
}
