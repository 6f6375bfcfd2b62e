package io.pharos.analytics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pharos.analytics.model.LogBins;
import io.pharos.analytics.repository.RollupRepository.Key;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rollup changes of one transaction, added up in memory and written once at its end ({@link
 * #flush}): two statements for a whole batch of events instead of two per event, and every row
 * locked in one global order (tenant, then key), so that two consumers' transactions never wait on
 * each other in a cycle. Not thread-safe: one per transaction, used on its connection's thread.
 */
public final class RollupChanges {

    private static final String ALL = RollupRepository.ALL;

    private final Map<String, Map<Key, Delta>> byTenant = new TreeMap<>();

    /** Adds ({@code sign} +1) or withdraws (−1) one data point's value under {@code key}. */
    void add(String tenant, Key key, double value, int sign) {
        byTenant.computeIfAbsent(tenant, t -> new TreeMap<>()).computeIfAbsent(key, k -> new Delta()).add(key.metric(), value, sign);
    }

    /**
     * Writes what was added up (each row also into its tenant-wide row, and into the day rows of its UTC
     * day: tenant-wide and per channel, team and agent), and starts again from nothing.
     */
    public Uni<Void> flush(SqlConnection c) {
        Rows hours = new Rows();
        Rows days = new Rows();
        byTenant.forEach((tenant, perGroup) -> {
            Map<Key, Delta> deltas = new TreeMap<>(perGroup);
            perGroup.forEach((k, d) -> deltas.computeIfAbsent(new Key(k.metric(), k.bucket(), k.until(), ALL, ALL, ALL), x -> new Delta()).merge(d));
            Map<Key, Delta> perDay = new TreeMap<>();
            deltas.forEach((k, d) -> {
                Instant day = k.bucket().truncatedTo(ChronoUnit.DAYS); // UTC days
                List<Key> dayKeys = ALL.equals(k.channel()) ? List.of(new Key(k.metric(), day, k.until(), ALL, ALL, ALL))
                        : List.of(new Key(k.metric(), day, k.until(), k.channel(), ALL, ALL), new Key(k.metric(), day, k.until(), ALL, k.team(), ALL),
                                new Key(k.metric(), day, k.until(), ALL, ALL, k.agent()));
                dayKeys.forEach(dk -> perDay.computeIfAbsent(dk, x -> new Delta()).merge(d));
            });
            hours.add(tenant, deltas);
            days.add(tenant, perDay);
        });
        byTenant.clear();
        return hours.write(c, "rollup", BIN_ROWS).flatMap(v -> days.write(c, "rollup_day", BIN_ARRAYS));
    }

    /** A bin's count added to its own row, keyed by the bin. */
    private static final String BIN_ROWS = "INSERT INTO rollup_bin (tenant, bucket, until, channel, team, agent, metric, bin, n)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            + " ON CONFLICT (tenant, metric, bucket, until, channel, team, agent, bin) DO UPDATE SET n = rollup_bin.n + excluded.n";
    /** A bin's count added to its element of the group's array (subscript = bin; a new row starts as that one element). */
    private static final String BIN_ARRAYS = "INSERT INTO rollup_day_bin (tenant, bucket, until, channel, team, agent, metric, counts)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, array_fill($9::bigint, ARRAY[1], ARRAY[$8::int]))"
            + " ON CONFLICT (tenant, metric, bucket, until, channel, team, agent) DO UPDATE"
            + " SET counts[$8::int] = coalesce(rollup_day_bin.counts[$8::int], 0) + $9::bigint";

    /** The rows and bin rows of one table, in the order they were added (tenant, then key). */
    private static final class Rows {
        final List<Tuple> sums = new ArrayList<>();
        final List<Tuple> bins = new ArrayList<>();

        void add(String tenant, Map<Key, Delta> deltas) {
            deltas.forEach((k, d) -> {
                OffsetDateTime bucket = RollupRepository.utc(k.bucket());
                OffsetDateTime until = k.until() == null ? RollupRepository.FOREVER : RollupRepository.utc(k.until());
                if (d.n != 0 || d.total != 0) {
                    sums.add(Tuple.tuple(List.of(tenant, bucket, until, k.channel(), k.team(), k.agent(), k.metric(), d.n, d.total)));
                }
                d.bins.forEach((bin, n) -> {
                    if (n != 0) {
                        bins.add(Tuple.tuple(List.of(tenant, bucket, until, k.channel(), k.team(), k.agent(), k.metric(), bin, n)));
                    }
                });
            });
        }

        Uni<Void> write(SqlConnection c, String table, String binSql) {
            Uni<Void> first = sums.isEmpty() ? Uni.createFrom().voidItem()
                    : c.preparedQuery("INSERT INTO " + table + " (tenant, bucket, until, channel, team, agent, metric, n, total)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant, metric, bucket, until, channel, team, agent)"
                            + " DO UPDATE SET n = " + table + ".n + excluded.n, total = " + table + ".total + excluded.total").executeBatch(sums)
                            .replaceWithVoid();
            return first.flatMap(v -> bins.isEmpty() ? Uni.createFrom().voidItem() : c.preparedQuery(binSql).executeBatch(bins).replaceWithVoid());
        }
    }

    /** How one rollup row (and its bins) changes. */
    private static final class Delta {
        long n;
        double total;
        final Map<Integer, Long> bins = new TreeMap<>();

        void merge(Delta other) {
            n += other.n;
            total += other.total;
            other.bins.forEach((bin, count) -> bins.merge(bin, count, Long::sum));
        }

        void add(String metric, double value, int sign) {
            n += sign;
            total += sign * value;
            if (metric.endsWith("Time") || metric.endsWith("Business")) {
                bins.merge(LogBins.bin(value), (long) sign, Long::sum);
            }
        }
    }
}
