package io.pharos.analytics.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.api.LiveCounters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Counts a tenant's inbox as the facts stand now (one query over the open tickets). */
@ApplicationScoped
public class LiveCounterService {

    private final Pool pool;

    public LiveCounterService(Pool pool) {
        this.pool = pool;
    }

    public Uni<LiveCounters> of(String tenant) {
        return pool.preparedQuery("WITH open AS (SELECT ticket_id FROM ticket_fact WHERE tenant = $1 AND created_at IS NOT NULL"
                + " AND status NOT IN ('solved', 'closed'))"
                + " SELECT (SELECT count(*) FROM open) AS open,"
                + " (SELECT count(*) FROM open o WHERE NOT EXISTS (SELECT 1 FROM message_fact m WHERE m.ticket_id = o.ticket_id"
                + "   AND m.author_kind = 'agent' AND m.visibility = 'public')) AS waiting,"
                + " (SELECT count(DISTINCT s.ticket_id) FROM sla_fact s JOIN open o ON o.ticket_id = s.ticket_id"
                + "   WHERE s.target IN ('first_response', 'next_reply', 'resolution') AND s.state = 'breached' AND s.fulfilled_at IS NULL) AS breaching,"
                + " (SELECT count(*) FROM agent_presence WHERE tenant = $1 AND active AND availability = 'online') AS online")
                .execute(Tuple.of(tenant)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new LiveCounters(r.getLong("open").intValue(), r.getLong("waiting").intValue(), r.getLong("breaching").intValue(),
                            r.getLong("online").intValue(), Instant.now());
                });
    }
}
