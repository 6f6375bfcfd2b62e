package io.pharos.analytics.repository;

import static io.pharos.analytics.repository.TicketFactRepository.utc;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Agents' availability ({@code agent_presence}): the newest change per agent, for the live counters. */
@ApplicationScoped
public class AgentPresenceRepository {

    public Uni<Void> upsert(SqlConnection c, String tenant, String agentId, String team, String availability, boolean active, Instant changedAt) {
        return c.preparedQuery("INSERT INTO agent_presence (agent_id, tenant, team, availability, active, changed_at) VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (agent_id) DO UPDATE SET team = excluded.team, availability = excluded.availability, active = excluded.active,"
                + " changed_at = excluded.changed_at WHERE agent_presence.changed_at <= excluded.changed_at")
                .execute(Tuple.tuple(List.of(agentId, tenant)).addValue(team).addValue(availability).addValue(active).addValue(utc(changedAt)))
                .replaceWithVoid();
    }
}
