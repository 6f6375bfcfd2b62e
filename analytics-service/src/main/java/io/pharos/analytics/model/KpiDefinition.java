package io.pharos.analytics.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A KPI Pharos reports: its name as used in JSON, CSV and GraphQL, unit and default target")
public record KpiDefinition(@NonNull String name, @NonNull Kpi.KpiUnit unit,
        @Description("Default target of a new tenant; null where none is set") Double defaultTarget,
        @Description("True when a larger value is better; null for plain counts") Boolean higherIsBetter,
        @NonNull String description) {

    public static KpiDefinition of(Kpi kpi) {
        return new KpiDefinition(kpi.key(), kpi.unit(), kpi.defaultTarget(), kpi.higherIsBetter(), kpi.description());
    }
}
