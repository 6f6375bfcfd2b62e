package io.pharos.ticket.service.routing;

import io.pharos.ticket.service.TimeSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.client.KeycloakDirectory;
import io.pharos.ticket.client.KeycloakDirectory.DirectoryAgent;
import io.pharos.ticket.domain.Agent;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.AgentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The agent directory: who is an agent (and their languages, skills, team and capacity) comes from
 * Keycloak, read on start and periodically; availability is set here by the agents. An agent whose
 * token arrives before the next sync is provisioned from the token at once.
 */
@ApplicationScoped
public class AgentDirectory {

    private static final Logger LOG = Logger.getLogger(AgentDirectory.class);
    static final int DEFAULT_CAPACITY = 10;

    /** What a caller's token says about them. */
    public record TokenAgent(String tenant, String id, String username, String name, List<String> languages, List<String> skills,
            String team, Integer capacity) {
    }

    private final KeycloakDirectory directory;
    private final AgentRepository agents;
    private final Router router;
    private final TimeSource time;
    private final OutboxWriter outbox;

    public AgentDirectory(KeycloakDirectory directory, AgentRepository agents, Router router, TimeSource time, OutboxWriter outbox) {
        this.directory = directory;
        this.agents = agents;
        this.router = router;
        this.time = time;
        this.outbox = outbox;
    }

    @Scheduled(every = "${pharos.agents.sync-interval:10m}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSync() {
        return sync().invoke(n -> LOG.debugf("agent directory synced: %d agents", n)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("agent directory sync failed (%s); the next pass retries", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reads the directory (blocking, on a worker) and applies it; answers how many agents it holds. */
    public Uni<Integer> sync() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(directory::agents, false).toCompletionStage())
                .flatMap(list -> Panache.withTransaction(() -> apply(list)));
    }

    private Uni<Integer> apply(List<DirectoryAgent> listed) {
        Instant now = time.now();
        return agents.listAll().flatMap(known -> {
            Map<String, Agent> byId = new HashMap<>();
            known.forEach(a -> byId.put(a.id, a));
            Set<String> present = listed.stream().map(DirectoryAgent::id).collect(Collectors.toSet());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DirectoryAgent d : listed) {
                Agent a = byId.get(d.id());
                boolean fresh = a == null;
                if (fresh) {
                    a = newAgent(d.id(), d.tenant(), d.username(), now);
                }
                a.tenant = d.tenant();
                a.username = d.username();
                a.name = d.name();
                a.email = d.email();
                a.languages = lower(d.languages());
                a.skills = lower(d.skills());
                a.team = d.team();
                a.capacity = d.capacity() != null ? d.capacity() : DEFAULT_CAPACITY;
                a.active = true;
                a.syncedAt = now;
                Agent toSave = a;
                if (fresh) {
                    chain = chain.flatMap(v -> agents.persist(toSave).replaceWithVoid());
                }
            }
            for (Agent a : known) {
                if (a.active && !present.contains(a.id) && a.syncedAt != null) {
                    boolean wasAtWork = a.availability != Agent.Availability.OFFLINE;
                    a.active = false; // no longer an agent (role removed, user disabled or deleted)
                    a.availability = Agent.Availability.OFFLINE;
                    if (wasAtWork) {
                        a.availabilityChangedAt = now;
                        chain = chain.flatMap(v -> availabilityChanged(a));
                    }
                }
            }
            return chain.replaceWith(listed.size());
        });
    }

    /** The caller as an agent: from the directory, or provisioned from their token when the directory does not know them yet. */
    @WithTransaction
    public Uni<Agent> provision(TokenAgent caller) {
        return agents.findById(caller.id()).flatMap(existing -> {
            if (existing != null) {
                if (!existing.tenant.equals(caller.tenant())) {
                    return Uni.createFrom().failure(ProblemException.forbidden("tenant-mismatch", "This agent belongs to another tenant."));
                }
                return Uni.createFrom().item(existing);
            }
            Agent a = newAgent(caller.id(), caller.tenant(), caller.username(), time.now());
            a.name = caller.name();
            a.languages = lower(caller.languages());
            a.skills = lower(caller.skills());
            a.team = caller.team();
            a.capacity = caller.capacity() != null ? caller.capacity() : DEFAULT_CAPACITY;
            return agents.persist(a);
        });
    }

    /** Sets an agent's availability; coming online takes waiting tickets of their team from the queue. */
    @WithTransaction
    public Uni<Agent> setAvailability(String tenant, String agentId, Agent.Availability availability) {
        return agents.findInTenant(tenant, agentId).onItem().ifNull().failWith(() -> ProblemException.notFound("Agent", agentId))
                .flatMap(a -> {
                    if (a.availability == availability) {
                        return Uni.createFrom().item(a);
                    }
                    a.availability = availability;
                    a.availabilityChangedAt = time.now();
                    return availabilityChanged(a)
                            .flatMap(v -> availability == Agent.Availability.ONLINE ? router.drainQueue(a).replaceWith(a) : Uni.createFrom().item(a));
                });
    }

    /** Who is at work, for live counters elsewhere (analytics' "agents online"). */
    private Uni<Void> availabilityChanged(Agent a) {
        return outbox.append(a.tenant, TicketEvents.AGENT_AVAILABILITY_CHANGED, a.id, EventData.agentAvailability(a)).replaceWithVoid();
    }

    @WithSession
    public Uni<List<Agent>> list(String tenant, String team, Agent.Availability availability) {
        return agents.ofTenant(tenant, team, availability);
    }

    @WithSession
    public Uni<List<Agent>> byIds(String tenant, List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : agents.byIds(tenant, ids);
    }

    /** Open tickets per agent id. */
    @WithSession
    public Uni<Map<String, Long>> load(String tenant, List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(Map.of()) : agents.openTickets(tenant, ids).map(rows -> {
            Map<String, Long> out = new HashMap<>();
            rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
            return out;
        });
    }

    private static Agent newAgent(String id, String tenant, String username, Instant now) {
        Agent a = new Agent();
        a.id = id;
        a.tenant = tenant;
        a.username = username;
        a.availability = Agent.Availability.OFFLINE;
        a.active = true;
        a.createdAt = now;
        a.capacity = DEFAULT_CAPACITY;
        return a;
    }

    private static String[] lower(List<String> values) {
        return values == null ? new String[0] : values.stream().map(v -> v.strip().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
    }
}
