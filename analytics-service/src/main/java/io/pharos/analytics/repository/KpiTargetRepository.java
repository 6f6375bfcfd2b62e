package io.pharos.analytics.repository;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The targets tenants set for their KPIs ({@code kpi_target}). */
@ApplicationScoped
public class KpiTargetRepository {

    private final Pool pool;

    public KpiTargetRepository(Pool pool) {
        this.pool = pool;
    }

    /** The targets the tenant set, by KPI key. */
    public Uni<Map<String, Double>> of(String tenant) {
        return pool.preparedQuery("SELECT kpi, target FROM kpi_target WHERE tenant = $1").execute(Tuple.of(tenant)).map(rows -> {
            Map<String, Double> t = new LinkedHashMap<>();
            rows.forEach(r -> t.put(r.getString("kpi"), r.getDouble("target")));
            return t;
        });
    }

    public Uni<Void> set(String tenant, String kpi, double target) {
        return pool.preparedQuery("INSERT INTO kpi_target (tenant, kpi, target) VALUES ($1, $2, $3) ON CONFLICT (tenant, kpi) DO UPDATE SET target = excluded.target")
                .execute(Tuple.of(tenant, kpi, target)).replaceWithVoid();
    }
}
