package io.pharos.analytics.api;

import java.time.Instant;
import java.util.List;

/** Each KPI that has a target: its value over {@code [from, to)}, the target, the status and the value of the period before. */
public record Scorecard(Instant from, Instant to, List<Entry> entries) {

    @org.eclipse.microprofile.graphql.Name("KpiStatus")
    @org.eclipse.microprofile.graphql.Description("Where a KPI stands against its target")
    public enum Status {
        MET, AT_RISK, MISSED, NO_DATA
    }

    @org.eclipse.microprofile.graphql.Name("KpiTrend")
    @org.eclipse.microprofile.graphql.Description("A KPI's direction against the period before")
    public enum Trend {
        UP, DOWN, FLAT, NONE
    }

    public record Entry(String kpi, Double value, Double target, boolean higherIsBetter, Status status, Double previousValue, Trend trend) {
    }
}
