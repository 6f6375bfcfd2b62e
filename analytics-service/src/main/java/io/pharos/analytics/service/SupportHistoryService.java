package io.pharos.analytics.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.api.SupportHistory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Customers' support histories, many at once (one query each for tickets, first responses and CSAT). */
@ApplicationScoped
public class SupportHistoryService {

    private final Pool pool;

    public SupportHistoryService(Pool pool) {
        this.pool = pool;
    }

    /** One summary per requested customer, in the order asked; customers without tickets get an empty one. */
    public Uni<List<SupportHistory>> of(String tenant, List<UUID> customers) {
        UUID[] ids = customers.toArray(UUID[]::new);
        Tuple args = Tuple.of(tenant, ids);
        Uni<Map<UUID, Row>> tickets = pool.preparedQuery("SELECT requester_id, count(*) AS tickets,"
                + " count(*) FILTER (WHERE status NOT IN ('solved', 'closed')) AS open, count(*) FILTER (WHERE reopened) AS reopened,"
                + " min(created_at) AS first, max(created_at) AS last, array_agg(DISTINCT channel ORDER BY channel) AS channels"
                + " FROM ticket_fact WHERE tenant = $1 AND requester_id = ANY($2) AND created_at IS NOT NULL GROUP BY requester_id")
                .execute(args).map(SupportHistoryService::byCustomer);
        Uni<Map<UUID, Row>> responses = pool.preparedQuery("SELECT t.requester_id, avg(c.value) AS frt FROM contribution c"
                + " JOIN ticket_fact t ON t.ticket_id = c.ticket_id WHERE c.tenant = $1 AND t.requester_id = ANY($2)"
                + " AND c.metric = 'firstResponseTime' GROUP BY t.requester_id").execute(args).map(SupportHistoryService::byCustomer);
        Uni<Map<UUID, Row>> csat = pool.preparedQuery("SELECT t.requester_id, count(*) AS n,"
                + " avg((s.score - s.scale_min) * 10.0 / nullif(s.scale_max - s.scale_min, 0)) AS average"
                + " FROM survey_fact s JOIN ticket_fact t ON t.ticket_id = s.ticket_id"
                + " WHERE s.tenant = $1 AND t.requester_id = ANY($2) AND s.type = 'csat' GROUP BY t.requester_id")
                .execute(args).map(SupportHistoryService::byCustomer);
        return tickets.flatMap(t -> responses.flatMap(r -> csat.map(c -> {
            List<SupportHistory> out = new ArrayList<>();
            for (UUID id : customers) {
                Row row = t.get(id);
                if (row == null) {
                    out.add(SupportHistory.none(id));
                    continue;
                }
                Row frt = r.get(id);
                Row sat = c.get(id);
                List<String> channels = new ArrayList<>();
                for (String ch : row.getArrayOfStrings("channels")) {
                    if (ch != null) {
                        channels.add(ch);
                    }
                }
                out.add(new SupportHistory(id, row.getLong("tickets").intValue(), row.getLong("open").intValue(), row.getLong("reopened").intValue(),
                        row.getOffsetDateTime("first").toInstant(), row.getOffsetDateTime("last").toInstant(), channels,
                        frt == null ? null : frt.getDouble("frt"), sat == null ? 0 : sat.getLong("n").intValue(),
                        sat == null ? null : sat.getDouble("average")));
            }
            return out;
        })));
    }

    private static Map<UUID, Row> byCustomer(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        Map<UUID, Row> out = new HashMap<>();
        rows.forEach(row -> out.put(row.getUUID("requester_id"), row));
        return out;
    }
}
