package io.pharos.analytics.graphql;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.analytics.model.Kpi;
import io.pharos.analytics.model.KpiDefinition;
import io.quarkus.security.Authenticated;

import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * Root of the analytics-service subgraph (KPIs, scorecards, live counters; extends Agent and Customer). The explicit {@code @link} makes the
 * SDL a Federation v2 subgraph the gateway can compose; operations are added by the classes
 * of this package.
 */
@GraphQLApi
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {
        @Import(name = "@key"), @Import(name = "@shareable"), @Import(name = "@external"),
        @Import(name = "@requires"), @Import(name = "@provides"), @Import(name = "@inaccessible") })
public class AnalyticsSubgraph {

    @Query
    @Authenticated
    @Description("Every KPI Pharos reports, with its unit and the default target a new tenant starts with")
    public @NonNull List<@NonNull KpiDefinition> kpiCatalog() {
        return Arrays.stream(Kpi.values()).map(KpiDefinition::of).toList();
    }
}
