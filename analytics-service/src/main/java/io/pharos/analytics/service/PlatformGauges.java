package io.pharos.analytics.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pharos.analytics.api.LiveCounters;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Prometheus gauges of the platform as a whole: the live counters summed over every tenant
 * ({@code pharos_live{counter}}) and how many tenants have any facts ({@code pharos_tenants}).
 * {@code /q/metrics} answers anyone who reaches the port, so no series names or describes a
 * tenant: a tenant's own figures are served only to its users, by the authenticated API (README).
 * Recomputed on a schedule, not at scrape time, so a scrape never waits on the database.
 */
@ApplicationScoped
public class PlatformGauges {

    private static final Logger LOG = Logger.getLogger(PlatformGauges.class);
    static final List<String> COUNTERS = List.of("open", "waiting_for_first_reply", "breaching_now", "agents_online");

    private final Map<String, AtomicLong> live = new ConcurrentHashMap<>();
    private final AtomicLong tenantCount = new AtomicLong();
    private final LiveCounterService counters;
    private final Pool pool;

    public PlatformGauges(MeterRegistry registry, LiveCounterService counters, Pool pool) {
        this.counters = counters;
        this.pool = pool;
        for (String counter : COUNTERS) {
            AtomicLong total = new AtomicLong();
            live.put(counter, total);
            Gauge.builder("pharos_live", total, AtomicLong::get).tag("counter", counter)
                    .description("Live counter summed over every tenant").register(registry);
        }
        Gauge.builder("pharos_tenants", tenantCount, AtomicLong::get).description("Tenants with any ticket facts").register(registry);
    }

    @Scheduled(every = "${pharos.analytics.gauges.refresh}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().onFailure().invoke(e -> LOG.warnf("platform gauges not refreshed (%s); the next pass tries again", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Recomputes the totals from every tenant's live counters. */
    public Uni<Void> refresh() {
        return tenants().flatMap(tenants -> {
            long[] sums = new long[COUNTERS.size()];
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String tenant : tenants) {
                chain = chain.flatMap(v -> counters.of(tenant).invoke(c -> add(sums, c)).replaceWithVoid());
            }
            return chain.invoke(() -> {
                for (int i = 0; i < sums.length; i++) {
                    live.get(COUNTERS.get(i)).set(sums[i]);
                }
                tenantCount.set(tenants.size());
            });
        });
    }

    private static void add(long[] sums, LiveCounters c) {
        sums[0] += c.open();
        sums[1] += c.waitingForFirstReply();
        sums[2] += c.breachingNow();
        sums[3] += c.agentsOnline();
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
