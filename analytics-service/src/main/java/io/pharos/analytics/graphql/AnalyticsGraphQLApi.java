package io.pharos.analytics.graphql;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.analytics.api.KpiReport;
import io.pharos.analytics.api.LiveCounters;
import io.pharos.analytics.graphql.AnalyticsNodes.AgentRef;
import io.pharos.analytics.graphql.AnalyticsNodes.CustomerRef;
import io.pharos.analytics.graphql.AnalyticsNodes.Entry;
import io.pharos.analytics.graphql.AnalyticsNodes.Granularity;
import io.pharos.analytics.graphql.AnalyticsNodes.Grouping;
import io.pharos.analytics.graphql.AnalyticsNodes.Performance;
import io.pharos.analytics.graphql.AnalyticsNodes.Point;
import io.pharos.analytics.graphql.AnalyticsNodes.Report;
import io.pharos.analytics.graphql.AnalyticsNodes.Summary;
import io.pharos.analytics.service.LiveCounterFeed;
import io.pharos.analytics.model.Kpi;
import io.pharos.analytics.service.KpiService;
import io.pharos.analytics.service.KpiService.GroupBy;
import io.pharos.analytics.service.LiveCounterService;
import io.pharos.analytics.service.SupportHistoryService;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * KPIs, time series, the scorecard and live counters for front ends; adds {@code Agent.performance}
 * and {@code Customer.supportHistorySummary} to the supergraph. Every resolver reads through the
 * reactive pool on its own connection, so parallel fields never share a session. Supervisors and
 * admins see their whole tenant; an agent sees team totals and their own figures.
 */
@GraphQLApi
public class AnalyticsGraphQLApi {

    private final KpiService kpis;
    private final LiveCounterService live;
    private final LiveCounterFeed feed;
    private final SupportHistoryService histories;
    private final TenantContext caller;

    public AnalyticsGraphQLApi(KpiService kpis, LiveCounterService live, LiveCounterFeed feed, SupportHistoryService histories,
            TenantContext caller) {
        this.kpis = kpis;
        this.live = live;
        this.feed = feed;
        this.histories = histories;
        this.caller = caller;
    }

    private boolean manager() {
        return caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN);
    }

    @Query("kpis")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Description("KPIs over [from, to) (whole hours), optionally per channel, team or agent. Agents may group by team, or by agent "
            + "to see their own row.")
    public Uni<Report> kpis(@NonNull Instant from, @NonNull Instant to, @DefaultValue("NONE") Grouping groupBy) {
        GroupBy by = GroupBy.valueOf(groupBy.name());
        boolean manager = manager();
        if (!manager && by != GroupBy.AGENT && by != GroupBy.TEAM) {
            return Uni.createFrom().failure(ProblemException.forbidden("agent-scope",
                    "Agents see their own figures (groupBy: AGENT) and team totals (groupBy: TEAM)."));
        }
        String me = caller.subject();
        return kpis.kpis(caller.tenant(), from, to, by).map(r -> Report.of(manager || by == GroupBy.TEAM ? r
                : new KpiReport(r.from(), r.to(), r.groupBy(), r.groups().stream().filter(g -> g.group().equals(me)).toList()), groupBy));
    }

    @Query("timeSeries")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Description("One KPI per hour, day, week or month of the tenant's time zone, from the bucket holding `from` to the one holding "
            + "the last hour before `to`; `metric` is a KPI name of kpiCatalog. The points add up to the range: full resolution is "
            + "judged at the end of the series and counted in the bucket of each ticket's last solve; backlog is the level at each "
            + "bucket's end")
    public Uni<List<@NonNull Point>> timeSeries(@NonNull String metric, @NonNull Instant from, @NonNull Instant to,
            @NonNull Granularity granularity) {
        Kpi kpi = Arrays.stream(Kpi.values()).filter(k -> k.key().equals(metric)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("validation", "unknown metric " + metric + "; see kpiCatalog"));
        return kpis.timeSeries(caller.tenant(), from, to, KpiService.Granularity.valueOf(granularity.name())).map(points -> points.stream()
                .map(p -> point(p, kpi)).toList());
    }

    static Point point(KpiService.SeriesPoint p, Kpi kpi) {
        Object v = p.kpis().get(kpi.key());
        if (v instanceof KpiReport.Duration d) {
            return new Point(p.start(), p.end(), d.calendar().value(), (int) d.calendar().count(),
                    d.business() == null ? null : d.business().value(), d.calendar().median(), d.calendar().p90());
        }
        KpiReport.Stats s = v instanceof KpiReport.Stats stats ? stats : new KpiReport.Stats(null, 0, null, null);
        return new Point(p.start(), p.end(), s.value(), (int) s.count(), null, null, null);
    }

    @Query("scorecard")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Description("Each KPI with a target over [from, to): value, target, met / at risk / missed, and the trend against the period before")
    public Uni<List<@NonNull Entry>> scorecard(@NonNull Instant from, @NonNull Instant to) {
        return kpis.scorecard(caller.tenant(), from, to).map(card -> card.entries().stream().map(Entry::of).toList());
    }

    @Query("volumeProfile")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Description("When tickets come in: created tickets over [from, to) per hour of the day and per weekday, in the tenant's time zone")
    public Uni<io.pharos.analytics.api.@NonNull VolumeProfile> volumeProfile(@NonNull Instant from, @NonNull Instant to) {
        return kpis.volumeProfile(caller.tenant(), from, to);
    }

    @Query("liveCounters")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Description("Your tenant's inbox now: open, waiting for a first reply, breaching an SLA, agents online")
    public Uni<@NonNull LiveCounters> liveCounters() {
        return live.of(caller.tenant());
    }

    @Subscription("liveCountersChanged")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Description("The live counters now, then each time one of them changes")
    public Multi<LiveCounters> liveCountersChanged() {
        return feed.follow(caller.tenant());
    }

    @Resolver
    public AgentRef agentEntity(@Id String id) {
        return id == null ? null : new AgentRef(id);
    }

    @Resolver
    public CustomerRef customerEntity(@Id String id) {
        try {
            return new CustomerRef(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    @Name("performance")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Description("What the agent achieved over [from, to); agents see only their own (null for colleagues)")
    public Uni<List<Performance>> performance(@Source List<AgentRef> agents, @NonNull Instant from, @NonNull Instant to) {
        boolean manager = manager();
        String me = caller.subject();
        return kpis.kpis(caller.tenant(), from, to, GroupBy.AGENT).map(report -> {
            Map<String, KpiReport.Group> byAgent = report.groups().stream().collect(Collectors.toMap(KpiReport.Group::group, Function.identity()));
            return agents.stream().map(a -> manager || a.id().equals(me) ? Performance.of(from, to, byAgent.get(a.id())) : null).toList();
        });
    }

    @Name("supportHistorySummary")
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Description("The customer's history with support: tickets, channels, first response and satisfaction")
    public Uni<List<Summary>> supportHistorySummary(@Source List<CustomerRef> customers) {
        return histories.of(caller.tenant(), customers.stream().map(CustomerRef::id).toList())
                .map(list -> list.stream().map(Summary::of).toList());
    }
}
