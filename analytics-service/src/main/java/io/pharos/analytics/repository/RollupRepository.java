package io.pharos.analytics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.model.Contributions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rollups: counts, sums and log bins per tenant × hour × channel × team × agent × metric.
 * A ticket's contributions are replaced as a whole (old ones subtracted, new ones added) inside
 * the transaction that changed its facts; the rollup rows change once per transaction, by the sum
 * of its changes, in key order ({@link RollupChanges}).
 */
@ApplicationScoped
public class RollupRepository {

    /**
     * The channel, team and agent of a tenant-wide row: every data point is also added up there, so
     * ungrouped reports (the scorecard, gauges, digests, time series) read one row per hour and
     * metric instead of one per channel × team × agent.
     */
    public static final String ALL = "*";

    /** A data point nobody withdrew: PostgreSQL's infinity, so that "until ≥ range end" always holds. */
    static final OffsetDateTime FOREVER = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Where a data point is added up. */
    public record Key(String metric, Instant bucket, Instant until, String channel, String team, String agent) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    /** A group's sums for one metric over a range: count, total and the merged bins. */
    public record Aggregate(String group, String metric, long n, double total, Map<Integer, Long> bins) {
    }

    /** Tickets created in one hour, tenant-wide. */
    public record HourlyVolume(Instant hour, long tickets) {
    }

    private final Pool pool;

    public RollupRepository(Pool pool) {
        this.pool = pool;
    }

    /** A ticket's new contributions, grouped under its channel, team and agent. */
    public record Replacement(UUID ticketId, String tenant, List<Contributions.Point> points, String channel, String team, String agent) {
    }

    /**
     * Replaces each ticket's contributions with its new points; the rollups change by the
     * difference, in {@code changes} (written when it is flushed). One delete and one insert for
     * all the tickets (a batched insert would execute once per row).
     */
    public Uni<Void> replace(SqlConnection c, RollupChanges changes, List<Replacement> replacements) {
        if (replacements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = replacements.stream().map(Replacement::ticketId).toArray(UUID[]::new);
        return c.preparedQuery("DELETE FROM contribution WHERE ticket_id = ANY($1) RETURNING tenant, metric, bucket, until, channel, team, agent, value")
                .execute(Tuple.of((Object) ids)).flatMap(old -> {
                    for (Row r : old) {
                        Key k = new Key(r.getString("metric"), r.getOffsetDateTime("bucket").toInstant(),
                                r.getOffsetDateTime("until") == null ? null : r.getOffsetDateTime("until").toInstant(),
                                r.getString("channel"), r.getString("team"), r.getString("agent"));
                        changes.add(r.getString("tenant"), k, r.getDouble("value"), -1);
                    }
                    int n = replacements.stream().mapToInt(t -> t.points().size()).sum();
                    UUID[] tickets = new UUID[n];
                    String[][] text = new String[5][n]; // tenant, metric, channel, team, agent
                    OffsetDateTime[] buckets = new OffsetDateTime[n];
                    OffsetDateTime[] untils = new OffsetDateTime[n];
                    Double[] values = new Double[n];
                    int i = 0;
                    for (Replacement t : replacements) {
                        for (Contributions.Point p : t.points()) {
                            Key k = new Key(p.metric().key, p.bucket(), p.until(), t.channel(), t.team(), t.agent());
                            changes.add(t.tenant(), k, p.value(), +1);
                            tickets[i] = t.ticketId();
                            text[0][i] = t.tenant();
                            text[1][i] = k.metric();
                            text[2][i] = t.channel();
                            text[3][i] = t.team();
                            text[4][i] = t.agent();
                            buckets[i] = utc(k.bucket());
                            untils[i] = k.until() == null ? null : utc(k.until());
                            values[i++] = p.value();
                        }
                    }
                    return n == 0 ? Uni.createFrom().voidItem()
                            : c.preparedQuery("INSERT INTO contribution (ticket_id, tenant, metric, bucket, until, channel, team, agent, value)"
                                    + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[],"
                                    + " $8::text[], $9::float8[])")
                                    .execute(Tuple.tuple(List.of(tickets, text[0], text[1], buckets)).addValue(untils).addValue(text[2]).addValue(text[3])
                                            .addValue(text[4]).addValue(values))
                                    .replaceWithVoid();
                });
    }

    /** Adds data points that never change (survey responses). */
    public void add(RollupChanges changes, String tenant, List<Contributions.Point> points, String channel, String team, String agent) {
        shift(changes, tenant, List.of(), channel, points, channel, team, agent);
    }

    /**
     * Moves a survey response's data points to another channel, once it is known; the tenant-wide
     * rows, where they were already counted, stay as they are.
     */
    public void moveChannel(RollupChanges changes, String tenant, List<Contributions.Point> points, String from, String to, String team, String agent) {
        shift(changes, tenant, points, from, points, to, team, agent);
    }

    /** Replaces a survey response's data points (the customer changed their answer) within its group. */
    public void swap(RollupChanges changes, String tenant, List<Contributions.Point> removed, List<Contributions.Point> added, String channel,
            String team, String agent) {
        shift(changes, tenant, removed, channel, added, channel, team, agent);
    }

    private static void shift(RollupChanges changes, String tenant, List<Contributions.Point> removed, String removedChannel,
            List<Contributions.Point> added, String addedChannel, String team, String agent) {
        for (Contributions.Point p : removed) {
            changes.add(tenant, new Key(p.metric().key, p.bucket(), p.until(), removedChannel, team, agent), p.value(), -1);
        }
        for (Contributions.Point p : added) {
            changes.add(tenant, new Key(p.metric().key, p.bucket(), p.until(), addedChannel, team, agent), p.value(), +1);
        }
    }

    /**
     * Every metric's sums per group over {@code [from, to)}; {@code groupColumn} is channel, team,
     * agent or null (one group). Full resolution counts only solves not withdrawn before {@code to};
     * backlog is a running sum of everything before {@code to}.
     */
    public Uni<List<Aggregate>> aggregate(String tenant, Instant from, Instant to, String groupColumn) {
        return aggregate(tenant, from, to, groupColumn, true);
    }

    /**
     * As {@link #aggregate(String, Instant, Instant, String)}; without {@code complete}, only what
     * headline figures need (sums and counts, no distributions, no backlog), which reads far fewer rows.
     * Whole UTC days come from the day rows (per dimension), the hours at the range's edges from the hourly rows.
     */
    public Uni<List<Aggregate>> aggregate(String tenant, Instant from, Instant to, String groupColumn, boolean complete) {
        Grains grains = Grains.of(from, to);
        String group = groupColumn == null ? "'all'" : groupColumn;
        String hourScope = groupColumn == null ? " AND channel = '*'" : " AND channel <> '*'";
        String dayScope = dayScope(groupColumn);
        // $2..$3 the range, $4..$5 its whole days (empty when it has none), $6 where backlog passes from days to hours
        List<Object> values = List.of(tenant, utc(from), utc(to), utc(grains.firstDay()), utc(grains.endOfDays()));
        Tuple args = Tuple.tuple(values); // the bins' and the flows' parameters; backlog adds $6
        Tuple withBacklog = Tuple.tuple(new ArrayList<>(values)).addValue(utc(grains.lastDay()));
        // each range a branch of its own, so that each is one index range
        String hourFlows = " AND metric <> 'backlog' AND bucket >= $2 AND bucket < $4";
        String lateHourFlows = " AND metric <> 'backlog' AND bucket >= $5 AND bucket < $3";
        String dayFlows = " AND metric <> 'backlog' AND bucket >= $4 AND bucket < $5";
        String hours = " WHERE tenant = $1 AND until >= $3" + hourScope;
        String days = " WHERE tenant = $1 AND until >= $3" + dayScope;
        String sums = "SELECT " + group + " AS g, metric, n, total FROM rollup" + hours + hourFlows
                + " UNION ALL SELECT " + group + ", metric, n, total FROM rollup" + hours + lateHourFlows
                + " UNION ALL SELECT " + group + ", metric, n, total FROM rollup_day" + days + dayFlows;
        if (complete) {
            sums += " UNION ALL SELECT " + group + ", metric, n, total FROM rollup" + hours + " AND metric = 'backlog' AND bucket >= $6 AND bucket < $3"
                    + " UNION ALL SELECT " + group + ", metric, n, total FROM rollup_day" + days + " AND metric = 'backlog' AND bucket < $6";
        }
        Uni<Map<String, Aggregate>> totals = pool.preparedQuery("SELECT g, metric, sum(n)::bigint AS n, sum(total) AS total FROM (" + sums
                + ") r GROUP BY 1, 2").execute(complete ? withBacklog : args).map(rows -> {
                    Map<String, Aggregate> out = new TreeMap<>();
                    rows.forEach(r -> out.put(r.getString("g") + "|" + r.getString("metric"), new Aggregate(r.getString("g"), r.getString("metric"),
                            r.getLong("n"), r.getDouble("total"), new HashMap<>())));
                    return out;
                });
        if (!complete) {
            return totals.map(map -> new ArrayList<>(map.values()));
        }
        // the three reads at once, on their own connections: sums, the edges' bins, the days' bins
        Uni<RowSet<Row>> hourBins = pool.preparedQuery("SELECT g, metric, bin, sum(n)::bigint AS n FROM (SELECT " + group + " AS g, metric, bin, n"
                + " FROM rollup_bin" + hours + hourFlows + " UNION ALL SELECT " + group + ", metric, bin, n FROM rollup_bin" + hours + lateHourFlows
                + ") b GROUP BY 1, 2, 3").execute(args);
        Uni<RowSet<Row>> dayBins = pool.preparedQuery("SELECT " + group + " AS g, metric, array_lower(counts, 1) AS lo, counts FROM rollup_day_bin"
                + days + dayFlows).execute(args);
        return Uni.combine().all().unis(totals, hourBins, dayBins).asTuple().map(t -> {
            Map<String, Aggregate> map = t.getItem1();
            for (Row r : t.getItem2()) {
                Aggregate a = map.get(r.getString("g") + "|" + r.getString("metric"));
                if (a != null && r.getLong("n") != 0) {
                    a.bins().merge(r.getInteger("bin"), r.getLong("n"), Long::sum);
                }
            }
            for (Row r : t.getItem3()) {
                Aggregate a = map.get(r.getString("g") + "|" + r.getString("metric"));
                Long[] counts = r.getArrayOfLongs("counts");
                int lo = r.getInteger("lo");
                for (int i = 0; a != null && i < counts.length; i++) {
                    if (counts[i] != null && counts[i] != 0) {
                        a.bins().merge(lo + i, counts[i], Long::sum);
                    }
                }
            }
            return new ArrayList<>(map.values());
        });
    }

    /** Which day rows hold a grouping: the tenant-wide ones, or those of its dimension alone. */
    private static String dayScope(String groupColumn) {
        if (groupColumn == null) {
            return " AND channel = '*' AND team = '*' AND agent = '*'";
        }
        StringBuilder scope = new StringBuilder(" AND " + groupColumn + " <> '*'");
        for (String other : List.of("channel", "team", "agent")) {
            if (!other.equals(groupColumn)) {
                scope.append(" AND ").append(other).append(" = '*'");
            }
        }
        return scope.toString();
    }

    /**
     * How a range splits between the grains: its whole UTC days {@code [firstDay, endOfDays)} (both {@code to} when
     * there are none, so that the hours cover it all), the hours around them, and {@code lastDay}, {@code to} cut to its
     * UTC day: backlog is read from the days before it and the hours after it.
     */
    record Grains(Instant firstDay, Instant endOfDays, Instant lastDay) {
        static Grains of(Instant from, Instant to) {
            Instant floorFrom = from.truncatedTo(ChronoUnit.DAYS);
            Instant firstDay = floorFrom.equals(from) ? from : floorFrom.plus(1, ChronoUnit.DAYS);
            Instant lastDay = to.truncatedTo(ChronoUnit.DAYS);
            return firstDay.isBefore(lastDay) ? new Grains(firstDay, lastDay, lastDay) : new Grains(to, to, lastDay);
        }
    }

    /**
     * Every metric's tenant-wide sums per bucket of a series, in one pass: {@code starts} are the buckets' starts in order,
     * {@code to} the end of the last. Everything is judged at {@code to}, the end of the whole series: a full resolution
     * counts in its solve's bucket only if no reopen withdrew it before {@code to}, so the buckets add up to the report over
     * {@code [starts[0], to)}. Backlog is a level, not a flow: each bucket gets the sum of the backlog rows within it, and
     * index 0 what came before the first bucket, for the caller to add up into the level at each bucket's end.
     *
     * @return per index (0 = before the first bucket, i = bucket i, 1-based) the metrics' aggregates
     */
    public Uni<Map<Integer, Map<String, Aggregate>>> series(String tenant, List<Instant> starts, Instant to) {
        OffsetDateTime[] bounds = starts.stream().map(RollupRepository::utc).toArray(OffsetDateTime[]::new);
        Tuple args = Tuple.of(tenant, utc(starts.get(0)), utc(to), bounds);
        // width_bucket over the bucket starts: which point an hour belongs to, whatever the zone cut them at
        String where = " WHERE tenant = $1 AND channel = '*' AND until >= $3"
                + " AND ((metric <> 'backlog' AND bucket >= $2 AND bucket < $3) OR (metric = 'backlog' AND bucket < $3))";
        Uni<Map<Integer, Map<String, Aggregate>>> sums = pool.preparedQuery("SELECT width_bucket(bucket, $4::timestamptz[]) AS i, metric,"
                + " sum(n)::bigint AS n, sum(total) AS total FROM rollup" + where + " GROUP BY 1, 2").execute(args).map(rows -> {
                    Map<Integer, Map<String, Aggregate>> out = new TreeMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getInteger("i"), i -> new TreeMap<>()).put(r.getString("metric"), new Aggregate("all",
                            r.getString("metric"), r.getLong("n"), r.getDouble("total"), new TreeMap<>())));
                    return out;
                });
        return sums.flatMap(map -> pool.preparedQuery("SELECT width_bucket(bucket, $4::timestamptz[]) AS i, metric, bin, sum(n)::bigint AS n"
                + " FROM rollup_bin" + where + " GROUP BY 1, 2, 3").execute(args).map(rows -> {
                    for (Row r : rows) {
                        Map<String, Aggregate> bucket = map.get(r.getInteger("i"));
                        Aggregate a = bucket == null ? null : bucket.get(r.getString("metric"));
                        if (a != null && r.getLong("n") != 0) {
                            a.bins().merge(r.getInteger("bin"), r.getLong("n"), Long::sum);
                        }
                    }
                    return map;
                }));
    }

    /** Tickets created per hour over {@code [from, to)}, from the tenant-wide volume rows (hours without tickets left out). */
    public Uni<List<HourlyVolume>> hourlyVolume(String tenant, Instant from, Instant to) {
        return pool.preparedQuery("SELECT bucket, n FROM rollup WHERE tenant = $1 AND channel = '*' AND metric = 'volume'"
                + " AND bucket >= $2 AND bucket < $3 AND until >= $3").execute(Tuple.of(tenant, utc(from), utc(to))).map(rows -> {
                    List<HourlyVolume> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new HourlyVolume(r.getOffsetDateTime("bucket").toInstant(), r.getLong("n"))));
                    return out;
                });
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
