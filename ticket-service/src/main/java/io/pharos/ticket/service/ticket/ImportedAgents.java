package io.pharos.ticket.service.ticket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.Problem;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.ImportedTicket;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.repository.AgentRepository;
import io.pharos.ticket.service.Actor;
import io.smallrye.mutiny.Uni;

/**
 * The people and team an imported ticket names, against the tenant's directory: an unknown agent
 * id would count replies and assignments for nobody, so it is refused unless the line says
 * {@code historicalAgents} (people who left before the move), in which case it is kept as given.
 */
@ApplicationScoped
public class ImportedAgents {

    private static final String CUSTOMER = "customer";
    private static final String SYSTEM = "system";

    private final AgentRepository agents;

    public ImportedAgents(AgentRepository agents) {
        this.agents = agents;
    }

    /** Fails with a 422 naming the first unknown agent (assignee, message author, status actor) or team. */
    public Uni<Void> check(String tenant, ImportedTicket in) {
        if (in.acceptsUnknownAgents()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> named = namedAgents(in);
        Uni<Void> people = named.isEmpty() ? Uni.createFrom().voidItem() : agents.byIds(tenant, named.keySet()).flatMap(found -> {
            Set<String> known = found.stream().map(a -> a.id).collect(Collectors.toSet());
            return named.entrySet().stream().filter(e -> !known.contains(e.getKey())).findFirst()
                    .map(e -> Uni.createFrom().<Void> failure(unknownAgent(e.getValue(), e.getKey())))
                    .orElse(Uni.createFrom().voidItem());
        });
        return people.flatMap(v -> in.team() == null ? Uni.createFrom().voidItem()
                : agents.teamHasActiveAgent(tenant, in.team()).flatMap(exists -> exists ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ProblemException(422, "unknown-team", "Unprocessable content",
                                "team " + in.team() + " has no active agent in this tenant", List.of(new Problem.FieldError("team",
                                        "must be the team of an active agent, or the line says historicalAgents: true"))))));
    }

    /** Every agent id the line names, with the field that first names it. */
    static Map<String, String> namedAgents(ImportedTicket in) {
        Map<String, String> named = new LinkedHashMap<>();
        if (in.assigneeId() != null) {
            named.put(in.assigneeId(), "assigneeId");
        }
        if (in.messages() != null) {
            for (int i = 0; i < in.messages().size(); i++) {
                MessageInput m = in.messages().get(i);
                if (m.author() == AuthorKind.AGENT && m.authorId() != null) {
                    named.putIfAbsent(m.authorId(), "messages[" + i + "].authorId");
                }
            }
        }
        if (in.statusChanges() != null) {
            for (int i = 0; i < in.statusChanges().size(); i++) {
                String actor = in.statusChanges().get(i).actor();
                if (actor != null && !CUSTOMER.equalsIgnoreCase(actor) && !SYSTEM.equalsIgnoreCase(actor)) {
                    named.putIfAbsent(actor, "statusChanges[" + i + "].actor");
                }
            }
        }
        return named;
    }

    /** Who made an imported status change: an agent by id, the customer, the system, or (not said) the importer. */
    static Actor statusActor(String actor, Actor importer, Ticket t) {
        if (actor == null) {
            return importer;
        }
        if (CUSTOMER.equalsIgnoreCase(actor)) {
            return new Actor(AuthorKind.CUSTOMER, t.requesterId.toString(), null, false);
        }
        if (SYSTEM.equalsIgnoreCase(actor)) {
            return Actor.system();
        }
        return new Actor(AuthorKind.AGENT, actor, null, false);
    }

    static ProblemException unknownAgent(String field, String id) {
        if (field.equals("assigneeId")) {
            return TicketChanges.unknownAgent(id);
        }
        return new ProblemException(422, "unknown-agent", "Unprocessable content", field + " " + id + " is no agent of this tenant",
                List.of(new Problem.FieldError(field, "must be an agent of the tenant, or the line says historicalAgents: true")));
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "invalid-import", "Unprocessable content", field + " " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
