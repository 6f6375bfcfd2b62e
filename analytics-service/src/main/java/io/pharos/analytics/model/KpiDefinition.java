package io.pharos.analytics.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A KPI Pharos reports: its name as used in JSON, CSV and GraphQL, unit and default target")
public record KpiDefinition(
        @Description("Name used in JSON, CSV and GraphQL") @NonNull String name,
        @Description("Seconds, percent, score or count") @NonNull Kpi.KpiUnit unit,
        @Description("Default target of a new tenant; null where none is set") Double defaultTarget,
        @Description("True when a larger value is better; null for plain counts") Boolean higherIsBetter,
        @Description("What it measures") @NonNull String description) {

    public static KpiDefinition of(Kpi kpi) {
        return new KpiDefinition(kpi.key(), kpi.unit(), kpi.defaultTarget(), kpi.higherIsBetter(), kpi.description());
    }
}
