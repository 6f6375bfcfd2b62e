package io.pharos.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pharos.analytics.repository.RollupRepository.Aggregate;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the day rollups must be: the hourly rows added up per UTC day, tenant-wide and per dimension; and what a
 * report read before there were day rows (from the hourly rows alone), to compare today's reading with.
 */
final class DayRollups {

    private DayRollups() {
    }

    /** The hourly rows of {@code table} (columns {@code values}) summed per UTC day: tenant-wide, and the cross product per dimension. */
    private static String perDay(String table, String values, String key) {
        String day = "tenant, date_trunc('day', bucket, 'UTC') AS day, until";
        return "SELECT " + day + ", '*' AS channel, '*' AS team, '*' AS agent, metric" + key + ", " + values + " FROM " + table
                + " WHERE channel = '*' GROUP BY 1, 2, 3, metric" + key
                + " UNION ALL SELECT " + day + ", channel, '*', '*', metric" + key + ", " + values + " FROM " + table
                + " WHERE channel <> '*' GROUP BY 1, 2, 3, channel, metric" + key
                + " UNION ALL SELECT " + day + ", '*', team, '*', metric" + key + ", " + values + " FROM " + table
                + " WHERE channel <> '*' GROUP BY 1, 2, 3, team, metric" + key
                + " UNION ALL SELECT " + day + ", '*', '*', agent, metric" + key + ", " + values + " FROM " + table
                + " WHERE channel <> '*' GROUP BY 1, 2, 3, agent, metric" + key;
    }

    /** Every day row (and day bin) that differs from its hours, at most 20, described; empty when the day rows are right. */
    static List<String> mismatches(Pool pool) {
        String join = " USING (tenant, day, until, channel, team, agent, metric";
        String sums = "SELECT 'rollup_day' AS t, * FROM (" + perDay("rollup", "sum(n) AS n, sum(total) AS total", "")
                + ") h FULL JOIN (SELECT tenant, bucket AS day, until, channel, team, agent, metric, n AS day_n, total AS day_total FROM rollup_day) d"
                + join + ") WHERE n IS DISTINCT FROM day_n OR total IS NULL OR day_total IS NULL OR abs(total - day_total) > 1e-6";
        String bins = "SELECT 'rollup_day_bin' AS t, * FROM (SELECT * FROM (" + perDay("rollup_bin", "sum(n) AS n", ", bin") + ") x WHERE n <> 0) h"
                + " FULL JOIN (SELECT tenant, bucket AS day, until, channel, team, agent, metric, array_lower(counts, 1) + i::int - 1 AS bin, c AS day_n"
                + " FROM rollup_day_bin, unnest(counts) WITH ORDINALITY u(c, i) WHERE c <> 0) d" + join + ", bin) WHERE n IS DISTINCT FROM day_n";
        List<String> out = new ArrayList<>();
        for (String sql : List.of(sums, bins)) {
            pool.query(sql + " LIMIT 10").execute().await().atMost(Duration.ofSeconds(30)).forEach(r -> out.add(r.toJson().encode()));
        }
        return out;
    }

    /** A report's sums and bins as they were read before the day rows: every hour of the range (every hour before its end for backlog). */
    static Map<String, Aggregate> hourlyOnly(Pool pool, String tenant, Instant from, Instant to, String groupColumn) {
        String group = groupColumn == null ? "'all'" : groupColumn;
        String where = " WHERE tenant = $1 AND until >= $3 AND ((metric <> 'backlog' AND bucket >= $2 AND bucket < $3) OR (metric = 'backlog'"
                + " AND bucket < $3))" + (groupColumn == null ? " AND channel = '*'" : " AND channel <> '*'");
        Tuple args = Tuple.of(tenant, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        Map<String, Aggregate> out = new TreeMap<>();
        for (Row r : pool.preparedQuery("SELECT " + group + " AS g, metric, sum(n)::bigint AS n, sum(total) AS total FROM rollup" + where
                + " GROUP BY 1, 2").execute(args).await().atMost(Duration.ofSeconds(30))) {
            out.put(r.getString("g") + "|" + r.getString("metric"), new Aggregate(r.getString("g"), r.getString("metric"), r.getLong("n"),
                    r.getDouble("total"), new TreeMap<>()));
        }
        for (Row r : pool.preparedQuery("SELECT " + group + " AS g, metric, bin, sum(n)::bigint AS n FROM rollup_bin" + where + " GROUP BY 1, 2, 3")
                .execute(args).await().atMost(Duration.ofSeconds(30))) {
            Aggregate a = out.get(r.getString("g") + "|" + r.getString("metric"));
            if (a != null && r.getLong("n") != 0) {
                a.bins().merge(r.getInteger("bin"), r.getLong("n"), Long::sum);
            }
        }
        return out;
    }
}
