package io.pharos.analytics.repository;

import static io.pharos.analytics.repository.TicketFactRepository.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Customers ({@code customer_fact}): one row per customer, what retention is counted from. */
@ApplicationScoped
public class CustomerFactRepository {

    /** Retention's three counts over one range: customers at its start, at its end, and new within it. */
    public record RetentionCounts(long start, long end, long created) {
    }

    private final Pool pool;

    public CustomerFactRepository(Pool pool) {
        this.pool = pool;
    }

    /** The newest snapshot of a customer wins. */
    public Uni<Void> upsert(SqlConnection c, String tenant, UUID customerId, Instant createdAt, LocalDate churnedOn, Instant snapshotAt) {
        return c.preparedQuery("INSERT INTO customer_fact (customer_id, tenant, created_at, churned_on, snapshot_at) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (customer_id) DO UPDATE SET created_at = excluded.created_at, churned_on = excluded.churned_on,"
                + " snapshot_at = excluded.snapshot_at WHERE customer_fact.snapshot_at <= excluded.snapshot_at")
                .execute(Tuple.of(customerId, tenant, utc(createdAt), churnedOn, utc(snapshotAt))).replaceWithVoid();
    }

    /** The merged customer lives on in the survivor: it no longer counts on its own. */
    public Uni<Void> markMergedAway(SqlConnection c, String tenant, UUID customerId) {
        return c.preparedQuery("INSERT INTO customer_fact (customer_id, tenant, created_at, merged_away, snapshot_at)"
                + " VALUES ($1, $2, $3, true, $3) ON CONFLICT (customer_id) DO UPDATE SET merged_away = true")
                .execute(Tuple.of(customerId, tenant, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    /**
     * Retention's counts over each range's days in {@code zone}: S = created before the first day
     * and not churned before it, E = created before the end and not churned by the last day, N =
     * created within the range (a churn date counts on its own day). All ranges in one pass over
     * the covering index.
     */
    public Uni<List<RetentionCounts>> retention(String tenant, List<Instant[]> ranges, ZoneId zone) {
        StringBuilder sql = new StringBuilder("SELECT ");
        Tuple args = Tuple.of(tenant);
        Instant latest = ranges.get(0)[1];
        for (int i = 0; i < ranges.size(); i++) {
            Instant from = ranges.get(i)[0];
            Instant to = ranges.get(i)[1];
            latest = to.isAfter(latest) ? to : latest;
            int p = args.size();
            args.addValue(from.atOffset(ZoneOffset.UTC)).addValue(to.atOffset(ZoneOffset.UTC))
                    .addValue(from.atZone(zone).toLocalDate()).addValue(to.minusNanos(1).atZone(zone).toLocalDate());
            sql.append(i == 0 ? "" : ", ")
                    .append("count(*) FILTER (WHERE created_at < $").append(p + 1).append(" AND (churned_on IS NULL OR churned_on >= $").append(p + 3)
                    .append(")) AS s").append(i)
                    .append(", count(*) FILTER (WHERE created_at < $").append(p + 2).append(" AND (churned_on IS NULL OR churned_on > $").append(p + 4)
                    .append(")) AS e").append(i)
                    .append(", count(*) FILTER (WHERE created_at >= $").append(p + 1).append(" AND created_at < $").append(p + 2).append(") AS n").append(i);
        }
        args.addValue(latest.atOffset(ZoneOffset.UTC));
        sql.append(" FROM customer_fact WHERE tenant = $1 AND NOT merged_away AND created_at < $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            Row r = rows.iterator().next();
            List<RetentionCounts> out = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                out.add(new RetentionCounts(r.getLong("s" + i), r.getLong("e" + i), r.getLong("n" + i)));
            }
            return out;
        });
    }
}
