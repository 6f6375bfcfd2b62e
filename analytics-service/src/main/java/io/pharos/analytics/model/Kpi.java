package io.pharos.analytics.model;

import org.eclipse.microprofile.graphql.Description;

/**
 * The KPIs of docs/kpi-definitions.md with their default targets.
 * Names are the ones JSON, CSV headers and GraphQL share (docs/kpi-definitions.md).
 */
public enum Kpi {
    FIRST_RESPONSE_TIME("firstResponseTime", KpiUnit.SECONDS, 3600.0, false, "Creation to first public reply by a human agent"),
    REPLY_TIME("replyTime", KpiUnit.SECONDS, null, false, "First unanswered customer message to the next public agent reply"),
    FIRST_RESOLUTION_TIME("firstResolutionTime", KpiUnit.SECONDS, 28800.0, false, "Creation to first solve"),
    FULL_RESOLUTION_TIME("fullResolutionTime", KpiUnit.SECONDS, null, false, "Creation to last solve, after reopens"),
    FCR("fcr", KpiUnit.PERCENT, 75.0, true, "Solved tickets solved with exactly one public agent reply and never reopened"),
    CSAT("csat", KpiUnit.SCORE, 8.0, true, "Average satisfaction normalised to 0-10 (and share of top-two-box answers)"),
    NPS("nps", KpiUnit.SCORE, 50.0, true, "Percent promoters (9-10) minus percent detractors (0-6)"),
    CES("ces", KpiUnit.SCORE, null, false, "Average customer effort on 1-7"),
    SLA_FIRST_RESPONSE_COMPLIANCE("slaFirstResponseCompliance", KpiUnit.PERCENT, null, true, "Share of first-response SLA targets met"),
    SLA_RESOLUTION_COMPLIANCE("slaResolutionCompliance", KpiUnit.PERCENT, null, true, "Share of resolution SLA targets met"),
    REOPEN_RATE("reopenRate", KpiUnit.PERCENT, null, false, "Tickets reopened at least once over tickets solved at least once"),
    BACKLOG("backlog", KpiUnit.COUNT, null, false, "Tickets not solved or closed at the end of a bucket"),
    VOLUME("volume", KpiUnit.COUNT, null, null, "Tickets created"),
    RETENTION("retention", KpiUnit.PERCENT, 90.0, true, "Customer retention rate (E - N) / S over the period");

    private final String key;
    private final KpiUnit unit;
    private final Double defaultTarget;
    private final Boolean higherIsBetter;
    private final String description;

    Kpi(String key, KpiUnit unit, Double defaultTarget, Boolean higherIsBetter, String description) {
        this.key = key;
        this.unit = unit;
        this.defaultTarget = defaultTarget;
        this.higherIsBetter = higherIsBetter;
        this.description = description;
    }

    /** The KPI of a contract name. */
    public static Kpi byKey(String key) {
        for (Kpi k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no KPI " + key);
    }

    public String key() {
        return key;
    }

    public KpiUnit unit() {
        return unit;
    }

    /** The tenant's starting target, or null where docs/kpi-definitions.md sets none. */
    public Double defaultTarget() {
        return defaultTarget;
    }

    /** Whether a larger value is better; null for plain counts such as volume. */
    public Boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String description() {
        return description;
    }

    @Description("Unit of a KPI value")
    public enum KpiUnit {
        SECONDS, PERCENT, SCORE, COUNT
    }
}
