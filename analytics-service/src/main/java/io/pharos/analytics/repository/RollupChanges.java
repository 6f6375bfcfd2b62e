package io.pharos.analytics.repository;

import java.time.OffsetDateTime;
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

    private final Map<String, Map<Key, Delta>> byTenant = new TreeMap<>();

    /** Adds ({@code sign} +1) or withdraws (−1) one data point's value under {@code key}. */
    void add(String tenant, Key key, double value, int sign) {
        byTenant.computeIfAbsent(tenant, t -> new TreeMap<>()).computeIfAbsent(key, k -> new Delta()).add(key.metric(), value, sign);
    }

    /** Writes what was added up (each row also into its tenant-wide row), and starts again from nothing. */
    public Uni<Void> flush(SqlConnection c) {
        List<Tuple> rollups = new ArrayList<>();
        List<Tuple> binRows = new ArrayList<>();
        byTenant.forEach((tenant, perGroup) -> {
            Map<Key, Delta> deltas = new TreeMap<>(perGroup);
            perGroup.forEach((k, d) -> deltas.computeIfAbsent(new Key(k.metric(), k.bucket(), k.until(), RollupRepository.ALL, RollupRepository.ALL,
                    RollupRepository.ALL), x -> new Delta()).merge(d));
            deltas.forEach((k, d) -> {
                OffsetDateTime bucket = RollupRepository.utc(k.bucket());
                OffsetDateTime until = k.until() == null ? RollupRepository.FOREVER : RollupRepository.utc(k.until());
                if (d.n != 0 || d.total != 0) {
                    rollups.add(Tuple.tuple(List.of(tenant, bucket, until, k.channel(), k.team(), k.agent(), k.metric(), d.n, d.total)));
                }
                d.bins.forEach((bin, n) -> {
                    if (n != 0) {
                        binRows.add(Tuple.tuple(List.of(tenant, bucket, until, k.channel(), k.team(), k.agent(), k.metric(), bin, n)));
                    }
                });
            });
        });
        byTenant.clear();
        Uni<Void> first = rollups.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("INSERT INTO rollup (tenant, bucket, until, channel, team, agent, metric, n, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT (tenant, metric, bucket, until, channel, team, agent) DO UPDATE SET n = rollup.n + excluded.n,"
                        + " total = rollup.total + excluded.total").executeBatch(rollups).replaceWithVoid();
        return first.flatMap(v -> binRows.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("INSERT INTO rollup_bin (tenant, bucket, until, channel, team, agent, metric, bin, n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT (tenant, metric, bucket, until, channel, team, agent, bin) DO UPDATE SET n = rollup_bin.n + excluded.n")
                        .executeBatch(binRows).replaceWithVoid());
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
