package io.pharos.analytics.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pharos.analytics.api.LiveCounters;
import io.pharos.analytics.config.AnalyticsConfig;
import io.pharos.analytics.model.Kpi;
import io.pharos.analytics.service.KpiService.GroupBy;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Prometheus gauges per tenant: each headline KPI over a rolling window ({@code pharos_kpi}, NaN
 * without data) and the live counters ({@code pharos_live}). Recomputed on a schedule, not at
 * scrape time, so a scrape never waits on the database.
 */
@ApplicationScoped
public class KpiGauges {

    private static final Logger LOG = Logger.getLogger(KpiGauges.class);

    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final KpiService kpis;
    private final LiveCounterService live;
    private final Pool pool;
    private final AnalyticsConfig config;

    public KpiGauges(MeterRegistry registry, KpiService kpis, LiveCounterService live, Pool pool, AnalyticsConfig config) {
        this.registry = registry;
        this.kpis = kpis;
        this.live = live;
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${pharos.analytics.gauges.refresh}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().onFailure().invoke(e -> LOG.warnf("KPI gauges not refreshed (%s); the next pass tries again", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Recomputes every tenant's gauges. */
    public Uni<Void> refresh() {
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(config.gauges().window());
        java.time.Duration span = config.gauges().window();
        String window = span.toHours() % 24 == 0 ? span.toDays() + "d" : span.toHours() + "h";
        return tenants().flatMap(tenants -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String tenant : tenants) {
                chain = chain.flatMap(v -> kpis.kpis(tenant, from, to, GroupBy.NONE).invoke(report -> {
                    Map<String, Object> figures = report.groups().isEmpty() ? Map.of() : report.groups().get(0).kpis();
                    for (Kpi kpi : Kpi.values()) {
                        Double value = KpiService.headline(figures, kpi);
                        set("pharos_kpi", tenant, "kpi", kpi.key(), window, value == null ? Double.NaN : value);
                    }
                })).flatMap(v -> live.of(tenant).invoke(c -> live(tenant, c))).replaceWithVoid();
            }
            return chain;
        });
    }

    private void live(String tenant, LiveCounters c) {
        set("pharos_live", tenant, "counter", "open", null, c.open());
        set("pharos_live", tenant, "counter", "waiting_for_first_reply", null, c.waitingForFirstReply());
        set("pharos_live", tenant, "counter", "breaching_now", null, c.breachingNow());
        set("pharos_live", tenant, "counter", "agents_online", null, c.agentsOnline());
    }

    private void set(String name, String tenant, String tagName, String tagValue, String window, double value) {
        String id = name + "|" + tenant + "|" + tagValue;
        values.computeIfAbsent(id, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.Builder<AtomicReference<Double>> gauge = Gauge.builder(name, holder, AtomicReference::get).tag("tenant", tenant).tag(tagName, tagValue)
                    .description(name.equals("pharos_kpi") ? "Headline KPI over the rolling window (durations in seconds)" : "Live counter");
            if (window != null) {
                gauge.tag("window", window);
            }
            gauge.register(registry);
            return holder;
        }).set(value);
    }

    /** The tenants with any facts: a loose index scan, one probe per tenant instead of a pass over every ticket. */
    private Uni<List<String>> tenants() {
        return pool.query("WITH RECURSIVE t AS (SELECT min(tenant) AS tenant FROM ticket_fact"
                + " UNION ALL SELECT (SELECT min(tenant) FROM ticket_fact WHERE tenant > t.tenant) FROM t WHERE t.tenant IS NOT NULL)"
                + " SELECT tenant FROM t WHERE tenant IS NOT NULL").execute().map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("tenant")));
                    return out;
                });
    }
}
