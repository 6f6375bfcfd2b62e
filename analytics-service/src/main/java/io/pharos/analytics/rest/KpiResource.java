package io.pharos.analytics.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.analytics.api.KpiReport;
import io.pharos.analytics.api.KpiSeries;
import io.pharos.analytics.api.Scorecard;
import io.pharos.analytics.model.Kpi;
import io.pharos.analytics.service.KpiService;
import io.pharos.analytics.service.KpiService.GroupBy;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

/**
 * KPIs over a whole-hour range {@code [from, to)}, from the rollups. Supervisors and admins see
 * their tenant's every grouping; an agent sees the team totals and, grouped by agent, only itself.
 */
@Path("/api/v1")
@Tag(name = "kpis")
public class KpiResource {

    static final List<String> CSV_COLUMNS = List.of("firstResponseTime", "firstResponseTimeBusiness", "firstResponseTimeMedian",
            "firstResponseTimeP90", "replyTime", "replyTimeBusiness", "firstResolutionTime", "firstResolutionTimeBusiness", "firstResolutionTimeMedian",
            "firstResolutionTimeP90", "fullResolutionTime", "fullResolutionTimeBusiness", "fcr", "reopenRate", "csat", "csatSatisfied", "nps",
            "ces", "slaFirstResponseCompliance", "slaResolutionCompliance", "volume", "backlog", "retention");

    private final KpiService kpis;
    private final TenantContext caller;

    public KpiResource(KpiService kpis, TenantContext caller) {
        this.kpis = kpis;
        this.caller = caller;
    }

    @GET
    @Path("/kpis")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "KPIs over [from, to) (whole hours), optionally grouped by channel, team or agent")
    public Uni<KpiReport> kpis(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("groupBy") String groupBy) {
        GroupBy by = GroupBy.parse(groupBy);
        boolean manager = caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN);
        if (!manager && by != GroupBy.AGENT && by != GroupBy.TEAM) {
            throw ProblemException.forbidden("agent-scope", "Agents see their own figures (groupBy=agent) and team totals (groupBy=team).");
        }
        return kpis.kpis(caller.tenant(), instant("from", from), instant("to", to), by).map(report -> manager || by == GroupBy.TEAM ? report
                : new KpiReport(report.from(), report.to(), report.groupBy(),
                        report.groups().stream().filter(g -> g.group().equals(caller.subject())).toList()));
    }

    @GET
    @Path("/reports/kpis.csv")
    @Produces("text/csv")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "The same KPIs as CSV, one row per group (durations in seconds; the headline is the calendar average)")
    public Uni<Response> csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("groupBy") String groupBy) {
        GroupBy by = GroupBy.parse(groupBy);
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        return kpis.kpis(caller.tenant(), f, t, by).map(report -> {
            List<String> header = new java.util.ArrayList<>(List.of("group"));
            header.addAll(CSV_COLUMNS);
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (KpiReport.Group g : report.groups()) {
                List<Object> row = new java.util.ArrayList<>();
                row.add(g.group()); // a channel, a team or an agent id: text from events, neutralised
                Map<String, Object> k = g.kpis();
                for (String column : CSV_COLUMNS) {
                    row.add(cell(k, column));
                }
                rows.add(row);
            }
            return Response.ok(SpreadsheetCsv.write(header, rows)).header("Content-Disposition",
                    "attachment; filename=\"pharos-kpis-" + f + "-" + t + ".csv\"").build();
        });
    }

    @GET
    @Path("/kpis/series")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "Every KPI per hour, day, week or month of the tenant's zone over the buckets covering [from, to); counts and sums"
            + " of the points add up to the report over the same buckets")
    public Uni<KpiSeries> series(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("granularity") String granularity) {
        KpiService.Granularity g = granularity(granularity);
        return kpis.timeSeries(caller.tenant(), instant("from", from), instant("to", to), g).map(points -> new KpiSeries(points.get(0).start(),
                points.get(points.size() - 1).end(), g.name().toLowerCase(), points.stream()
                        .map(p -> new KpiSeries.Point(p.start(), p.end(), p.kpis())).toList()));
    }

    @GET
    @Path("/reports/kpis-series.csv")
    @Produces("text/csv")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "The same series as CSV, one row per bucket (start, end, then the columns of kpis.csv)")
    public Uni<Response> seriesCsv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("granularity") String granularity) {
        KpiService.Granularity g = granularity(granularity);
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        return kpis.timeSeries(caller.tenant(), f, t, g).map(points -> {
            List<String> header = new java.util.ArrayList<>(List.of("start", "end"));
            header.addAll(CSV_COLUMNS);
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (KpiService.SeriesPoint p : points) {
                List<Object> row = new java.util.ArrayList<>(List.of(p.start().toString(), p.end().toString()));
                for (String column : CSV_COLUMNS) {
                    row.add(cell(p.kpis(), column));
                }
                rows.add(row);
            }
            return Response.ok(SpreadsheetCsv.write(header, rows)).header("Content-Disposition",
                    "attachment; filename=\"pharos-kpis-" + g.name().toLowerCase() + "-" + f + "-" + t + ".csv\"").build();
        });
    }

    static KpiService.Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("validation", "granularity is required: hour, day, week or month");
        }
        try {
            return KpiService.Granularity.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("validation", "granularity must be hour, day, week or month");
        }
    }

    @GET
    @Path("/reports/volume-profile")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "Tickets created over [from, to) per hour of the day and per weekday, in the tenant's time zone")
    public Uni<io.pharos.analytics.api.VolumeProfile> volumeProfile(@QueryParam("from") String from, @QueryParam("to") String to) {
        return kpis.volumeProfile(caller.tenant(), instant("from", from), instant("to", to));
    }

    @GET
    @Path("/scorecard")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(summary = "Each KPI with a target: value, target, met / at risk (within 10 % of it) / missed, and the trend against the period before")
    public Uni<Scorecard> scorecard(@QueryParam("from") String from, @QueryParam("to") String to) {
        return kpis.scorecard(caller.tenant(), instant("from", from), instant("to", to));
    }

    public record TargetInput(Double target) {
    }

    @PUT
    @Path("/targets/{kpi}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the tenant's target for a KPI (seconds for durations, percent for rates, 0-10 for CSAT, -100..100 for NPS)")
    public Uni<Map<String, Double>> target(@PathParam("kpi") String name, TargetInput input) {
        Kpi kpi = java.util.Arrays.stream(Kpi.values()).filter(k -> k.key().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("KPI", name));
        if (input == null || input.target() == null || input.target().isNaN() || input.target().isInfinite()) {
            throw ProblemException.badRequest("validation", "target must be a number");
        }
        String tenant = caller.tenant();
        return kpis.setTarget(tenant, kpi, input.target()).flatMap(v -> kpis.targets(tenant));
    }

    static Object cell(Map<String, Object> k, String column) {
        String base = column.replaceAll("(Business|Median|P90)$", "");
        Object v = k.get(base);
        if (v instanceof KpiReport.Duration d) {
            if (column.endsWith("Business")) {
                return d.business() == null ? null : d.business().value();
            }
            if (column.endsWith("Median")) {
                return d.calendar().median();
            }
            if (column.endsWith("P90")) {
                return d.calendar().p90();
            }
            return d.calendar().value();
        }
        return v instanceof KpiReport.Stats s ? s.value() : null;
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("validation", name + " is required (an ISO-8601 instant, e.g. 2026-03-01T00:00:00Z)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("validation", name + " is not an ISO-8601 instant: " + value);
        }
    }
}
