package io.pharos.analytics.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * KPIs over {@code [from, to)} per group. {@code kpis} is keyed by the KPI names of docs/kpi-definitions.md;
 * durations are {@code {calendar: Stats, business: Stats}} in seconds, rates and scores are Stats
 * with {@code value} (percent for fcr, reopenRate, csatSatisfied; 0–10 for csat; −100..100 for nps;
 * 1–7 for ces; counts for volume and backlog).
 */
public record KpiReport(Instant from, Instant to, String groupBy, List<Group> groups) {

    public record Group(String group, Map<String, Object> kpis) {
    }

    /** One figure: {@code value} (the average for durations), its data points, and for durations median and p90. */
    public record Stats(Double value, long count, Double median, Double p90) {
    }

    public record Duration(Stats calendar, Stats business) {
    }
}
