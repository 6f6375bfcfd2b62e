package io.pharos.analytics.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every KPI per bucket (hour, day, week or month of the tenant's zone) over {@code [from, to)}, the
 * buckets whole: {@code from} and {@code to} are the first bucket's start and the last one's end.
 * Counts and sums of the points add up to the report over that range (docs/kpi-definitions.md);
 * {@code kpis} is shaped as in {@link KpiReport}.
 */
public record KpiSeries(Instant from, Instant to, String granularity, List<Point> points) {

    public record Point(Instant start, Instant end, Map<String, Object> kpis) {
    }
}
