package io.pharos.analytics.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.analytics.api.KpiReport;
import io.pharos.analytics.api.Scorecard;
import io.pharos.analytics.api.SupportHistory;
import io.pharos.analytics.model.Kpi;
import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

/** The types of the analytics subgraph: plain records built from the service's results. */
final class AnalyticsNodes {

    private AnalyticsNodes() {
    }

    @Name("Agent")
    @Key(fields = @FieldSet("id"))
    // no description: the owner's (ticket-service) is the one the supergraph shows
    public record AgentRef(@Description("The agent's Keycloak user id") @Id @NonNull String id) {
    }

    @Name("Customer")
    @Key(fields = @FieldSet("id"))
    // no description: the owner's (ticket-service) is the one the supergraph shows
    public record CustomerRef(@Description("Customer id") @Id @NonNull UUID id) {
    }

    @Name("KpiGrouping")
    @Description("How a KPI report is split")
    public enum Grouping {
        NONE, CHANNEL, TEAM, AGENT
    }

    @Name("TimeGranularity")
    @Description("The bucket size of a time series, in the tenant's time zone (weeks start on Monday)")
    public enum Granularity {
        HOUR, DAY, WEEK, MONTH
    }

    @Name("KpiFigure")
    @Description("One figure: its value (the average for durations, in seconds; percent for rates), the data points it rests on, "
            + "and for durations the median and 90th percentile")
    public record Figure(
            @Description("Null when there is no data point") Double value,
            @Description("Data points the figure rests on") int count,
            @Description("Median, for durations (within 1 %)") Double median,
            @Description("90th percentile, for durations (within 1 %)") Double p90) {
        static Figure of(Object stats) {
            return stats instanceof KpiReport.Stats s ? new Figure(s.value(), (int) s.count(), s.median(), s.p90()) : null;
        }
    }

    @Name("DurationKpi")
    @Description("A duration KPI in seconds, in calendar time and in the tenant's business time")
    public record DurationFigure(
            @Description("Counted in calendar time") @NonNull Figure calendar,
            @Description("Counted in the tenant's business hours") Figure business) {
        static DurationFigure of(Object duration) {
            return duration instanceof KpiReport.Duration d ? new DurationFigure(Figure.of(d.calendar()), Figure.of(d.business())) : null;
        }
    }

    @Name("KpiGroup")
    @Description("Every KPI of one group (a channel, team or agent; `all` when not grouped)")
    public record Group(
            @Description("The channel, team or agent of the row; all when not grouped") @NonNull String group,
            @Description("Creation to first public reply by a human agent") DurationFigure firstResponseTime,
            @Description("First unanswered customer message to the next public agent reply") DurationFigure replyTime,
            @Description("Creation to first solve") DurationFigure firstResolutionTime,
            @Description("Creation to last solve, after reopens") DurationFigure fullResolutionTime,
            @Description("First-contact resolution, percent of solved tickets") Figure fcr,
            @Description("Percent of solved tickets reopened") Figure reopenRate,
            @Description("Average satisfaction normalised to 0-10") Figure csat,
            @Description("Percent of CSAT answers in the top two points") Figure csatSatisfied,
            @Description("Net promoter score, -100 to 100") Figure nps,
            @Description("Average customer effort, 1-7") Figure ces,
            @Description("Percent of decided first-response SLA targets met") Figure slaFirstResponseCompliance,
            @Description("Percent of decided resolution SLA targets met") Figure slaResolutionCompliance,
            @Description("Tickets created") Figure volume,
            @Description("Tickets not solved or closed at the end of the range") Figure backlog,
            @Description("Customer retention rate, percent; only when not grouped") Figure retention) {

        static Group of(KpiReport.Group g) {
            Map<String, Object> k = g.kpis();
            return new Group(g.group(), DurationFigure.of(k.get("firstResponseTime")), DurationFigure.of(k.get("replyTime")),
                    DurationFigure.of(k.get("firstResolutionTime")), DurationFigure.of(k.get("fullResolutionTime")), Figure.of(k.get("fcr")),
                    Figure.of(k.get("reopenRate")), Figure.of(k.get("csat")), Figure.of(k.get("csatSatisfied")), Figure.of(k.get("nps")),
                    Figure.of(k.get("ces")), Figure.of(k.get("slaFirstResponseCompliance")), Figure.of(k.get("slaResolutionCompliance")),
                    Figure.of(k.get("volume")), Figure.of(k.get("backlog")), Figure.of(k.get(Kpi.RETENTION.key())));
        }
    }

    @Name("KpiReport")
    @Description("KPIs over [from, to), per group")
    public record Report(
            @NonNull Instant from,
            @NonNull Instant to,
            @Description("How the rows are grouped") @NonNull Grouping groupBy,
            @Description("One row per group") @NonNull List<@NonNull Group> groups) {
        static Report of(KpiReport r, Grouping by) {
            return new Report(r.from(), r.to(), by, r.groups().stream().map(Group::of).toList());
        }
    }

    @Name("ScorecardEntry")
    @Description("A KPI against its target: met, at risk (on the wrong side by less than 10 %) or missed, and its trend against the period before")
    public record Entry(
            @Description("KPI name of kpiCatalog") @NonNull String kpi,
            @Description("Value over the range; null without data") Double value,
            @Description("The tenant's target") Double target,
            @Description("True when a larger value is better") boolean higherIsBetter,
            @Description("MET, AT_RISK (within 10 % of the target), MISSED, or NO_DATA") @NonNull Scorecard.Status status,
            @Description("Value over the period of the same length before") Double previousValue,
            @Description("UP, DOWN or FLAT against the period before; NONE without a value to compare") @NonNull Scorecard.Trend trend) {
        static Entry of(Scorecard.Entry e) {
            return new Entry(e.kpi(), e.value(), e.target(), e.higherIsBetter(), e.status(), e.previousValue(), e.trend());
        }
    }

    @Name("TimeSeriesPoint")
    @Description("A KPI over one bucket [start, end)")
    public record Point(
            @NonNull Instant start,
            @NonNull Instant end,
            @Description("The headline value (calendar average for durations); null without data") Double value,
            @Description("Data points of the bucket") int count,
            @Description("Durations: the average in business time") Double businessValue,
            @Description("Durations: the median") Double median,
            @Description("Durations: the 90th percentile") Double p90) {
    }

    @Name("AgentPerformance")
    @Description("What an agent achieved over [from, to): solves, speed, first-contact resolution and satisfaction")
    public record Performance(
            @NonNull Instant from,
            @NonNull Instant to,
            @Description("Tickets first solved in the range") int ticketsSolved,
            @Description("Creation to their first public reply") DurationFigure firstResponseTime,
            @Description("Waiting customer message to their next public reply") DurationFigure replyTime,
            @Description("Creation to first solve of their tickets") DurationFigure firstResolutionTime,
            @Description("First-contact resolution of the tickets they solved, percent") Figure fcr,
            @Description("Average satisfaction of the answers to their tickets, 0-10") Figure csat,
            @Description("Percent of CSAT answers in the top two points") Figure csatSatisfied,
            @Description("Percent of their decided first-response targets met") Figure slaFirstResponseCompliance) {
        static Performance of(Instant from, Instant to, KpiReport.Group g) {
            if (g == null) {
                return new Performance(from, to, 0, null, null, null, null, null, null, null);
            }
            Group k = Group.of(g);
            return new Performance(from, to, k.fcr() == null ? 0 : k.fcr().count(), k.firstResponseTime(), k.replyTime(),
                    k.firstResolutionTime(), k.fcr(), k.csat(), k.csatSatisfied(), k.slaFirstResponseCompliance());
        }
    }

    @Name("SupportHistorySummary")
    @Description("The customer's history with support: how often, over which channels, how fast answered, how satisfied")
    public record Summary(
            @Description("Tickets they raised") int tickets,
            @Description("Tickets of theirs not solved") int openTickets,
            @Description("Tickets reopened at least once") int reopenedTickets,
            Instant firstContactAt,
            Instant lastContactAt,
            @Description("Channels the customer used") @NonNull List<@NonNull String> channels,
            @Description("Average first response time of their tickets, seconds") Double averageFirstResponseSeconds,
            @Description("Satisfaction answers they gave") int csatResponses,
            @Description("Average CSAT normalised to 0-10") Double averageCsat) {
        static Summary of(SupportHistory h) {
            return new Summary(h.tickets(), h.openTickets(), h.reopenedTickets(), h.firstContactAt(), h.lastContactAt(), h.channels(),
                    h.averageFirstResponseSeconds(), h.csatResponses(), h.averageCsat());
        }
    }
}
