package io.pharos.analytics.service.projection;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.repository.AgentPresenceRepository;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.AgentAvailabilityChanged;
import io.pharos.contracts.ticket.TicketEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Agents' availability, for the live counters (who is online). */
@ApplicationScoped
public class AgentProjection implements ProjectionHandler {

    private final AgentPresenceRepository presence;
    private final ObjectMapper json;

    public AgentProjection(AgentPresenceRepository presence, ObjectMapper json) {
        this.presence = presence;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return Set.of(TicketEvents.AGENT_AVAILABILITY_CHANGED.name());
    }

    @Override
    public Uni<Void> apply(ProjectionBatch batch, IncomingEvent event) {
        SqlConnection c = batch.connection();
        return Uni.createFrom().item(() -> Events.data(json, event, TicketEvents.AGENT_AVAILABILITY_CHANGED)).flatMap(data -> {
            AgentAvailabilityChanged.Agent a = data.agent();
            String availability = a.availability() == null ? null : a.availability().name().toLowerCase(Locale.ROOT);
            return presence.upsert(c, event.tenant(), a.id(), a.team(), availability, a.active(), a.changedAt());
        });
    }
}
