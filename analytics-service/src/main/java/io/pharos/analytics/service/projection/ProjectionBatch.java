package io.pharos.analytics.service.projection;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.pharos.analytics.repository.RollupChanges;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What the events of one transaction leave for its end: the rollup changes (written once, in key
 * order) and the tickets whose contributions must be recomputed (once each, however many of their
 * events the batch holds). One per transaction, used on its connection's thread.
 */
public final class ProjectionBatch {

    private final SqlConnection connection;
    private final RollupChanges rollups = new RollupChanges();
    private final Map<UUID, String> changedTickets = new TreeMap<>();
    private final Set<UUID> channelsKnown = new HashSet<>();

    ProjectionBatch(SqlConnection connection) {
        this.connection = connection;
    }

    /** The transaction's connection. */
    public SqlConnection connection() {
        return connection;
    }

    public RollupChanges rollups() {
        return rollups;
    }

    /** The ticket's facts changed: its contributions are recomputed after the batch's last event. */
    void ticketChanged(String tenant, UUID ticketId) {
        changedTickets.put(ticketId, tenant);
    }

    /**
     * True the first time in the batch: the ticket's early survey answers need its channel once (the
     * batch holds the ticket's lock, so no answer without a channel can come in between).
     */
    boolean firstChannelOf(UUID ticketId) {
        return channelsKnown.add(ticketId);
    }

    /** Ticket id → tenant, in ticket id order. */
    Map<UUID, String> changedTickets() {
        return Collections.unmodifiableMap(changedTickets);
    }
}
