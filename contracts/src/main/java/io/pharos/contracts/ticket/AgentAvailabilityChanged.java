package io.pharos.contracts.ticket;

import java.time.Instant;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.agent.availability.changed}: an agent went online, away or offline (key: the agent
 * id); consumers count who is at work.
 */
public record AgentAvailabilityChanged(Agent agent) {

    /**
     * @param id the agent's Keycloak user id
     * @param active false once the agent left the directory
     */
    public record Agent(String id, @Nullable String username, @Nullable String team, AgentAvailability availability, boolean active,
            Instant changedAt) {
    }
}
