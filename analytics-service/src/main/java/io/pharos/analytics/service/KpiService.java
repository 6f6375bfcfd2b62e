package io.pharos.analytics.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.api.KpiReport;
import io.pharos.analytics.api.Scorecard;
import io.pharos.analytics.model.Kpi;
import io.pharos.analytics.model.LogBins;
import io.pharos.analytics.repository.CalendarRepository;
import io.pharos.analytics.repository.CustomerFactRepository;
import io.pharos.analytics.repository.KpiTargetRepository;
import io.pharos.analytics.repository.RollupRepository;
import io.pharos.analytics.repository.RollupRepository.Aggregate;
import io.pharos.commons.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/** KPIs, always from the rollups (never from raw facts), for any whole-hour range and grouping. */
@ApplicationScoped
public class KpiService {

    public enum GroupBy {
        NONE(null), CHANNEL("channel"), TEAM("team"), AGENT("agent");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }

        public static GroupBy parse(String s) {
            if (s == null || s.isBlank()) {
                return NONE;
            }
            try {
                return valueOf(s.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("validation", "groupBy must be channel, team or agent");
            }
        }
    }

    /** Time-series buckets, in the tenant's zone (weeks start on Monday). */
    public enum Granularity {
        HOUR, DAY, WEEK, MONTH
    }

    /** One bucket of a time series: its bounds and every KPI over it. */
    public record SeriesPoint(Instant start, Instant end, Map<String, Object> kpis) {
    }

    /** More points than a chart can show is a mistake in the request, and would be slow. */
    static final int MAX_POINTS = 750;

    /** At risk: on the wrong side of the target, but by less than this share of it. */
    static final double AT_RISK_MARGIN = 0.10;

    private final RollupRepository rollups;
    private final CustomerFactRepository customers;
    private final CalendarRepository calendars;
    private final KpiTargetRepository targets;

    public KpiService(RollupRepository rollups, CustomerFactRepository customers, CalendarRepository calendars, KpiTargetRepository targets) {
        this.rollups = rollups;
        this.customers = customers;
        this.calendars = calendars;
        this.targets = targets;
    }

    /** Ranges lie within these bounds: outside them a date is a typo (year 9999), and it never reaches the database. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    public static void validateRange(Instant from, Instant to) {
        if (from == null || to == null) {
            throw ProblemException.badRequest("validation", "from and to are required (ISO-8601 instants)");
        }
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw ProblemException.badRequest("validation", "from and to must lie between " + EARLIEST + " and " + LATEST);
        }
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("validation", "from must be before to");
        }
        if (!from.truncatedTo(ChronoUnit.HOURS).equals(from) || !to.truncatedTo(ChronoUnit.HOURS).equals(to)) {
            throw ProblemException.badRequest("validation", "from and to must be whole hours (the rollups are hourly)");
        }
        if (Duration.between(from, to).toDays() > 800) {
            throw ProblemException.badRequest("validation", "a range spans at most 800 days");
        }
    }

    public Uni<KpiReport> kpis(String tenant, Instant from, Instant to, GroupBy groupBy) {
        validateRange(from, to);
        Uni<KpiReport.Stats> retention = groupBy == GroupBy.NONE ? retention(tenant, List.<Instant[]> of(new Instant[] { from, to })).map(r -> r.get(0))
                : Uni.createFrom().nullItem();
        return rollups.aggregate(tenant, from, to, groupBy.column, true).flatMap(aggregates -> retention.map(kept -> report(from, to, groupBy,
                aggregates, kept)));
    }

    private static KpiReport report(Instant from, Instant to, GroupBy groupBy, List<Aggregate> aggregates, KpiReport.Stats kept) {
        Map<String, Map<String, Aggregate>> byGroup = new TreeMap<>();
        aggregates.forEach(a -> byGroup.computeIfAbsent(a.group(), g -> new TreeMap<>()).put(a.metric(), a));
        if (kept != null) {
            byGroup.computeIfAbsent("all", g -> new TreeMap<>());
        }
        List<KpiReport.Group> groups = new ArrayList<>();
        byGroup.forEach((group, metrics) -> {
            Map<String, Object> figures = figures(metrics);
            if (kept != null) {
                figures.put(Kpi.RETENTION.key(), kept); // customers belong to no channel, team or agent
            }
            groups.add(new KpiReport.Group(group, figures));
        });
        return new KpiReport(from, to, groupBy.name().toLowerCase(), groups);
    }

    /**
     * Retention over each range's days in the tenant's zone: (E − N) ÷ S × 100 with S = customers
     * created before the first day and not churned before it, E = created before the end and not
     * churned by the last day, N = created within the range (a churn date counts on its own day).
     * From the customer facts (one row per customer).
     */
    public Uni<List<KpiReport.Stats>> retention(String tenant, List<Instant[]> ranges) {
        return zone(tenant).flatMap(zone -> customers.retention(tenant, ranges, zone)).map(counts -> counts.stream()
                .map(c -> new KpiReport.Stats(c.start() == 0 ? null : (c.end() - c.created()) * 100.0 / c.start(), c.start(), null, null)).toList());
    }

    /**
     * Every KPI per bucket of {@code granularity} from the bucket holding {@code from} to the one
     * holding the last hour before {@code to}. The points add up: every flow is counted in exactly one
     * bucket and judged at the end of the whole series (a full resolution in the bucket of the ticket's
     * last solve within it, if still solved at the series' end), so the points' counts and sums are the
     * report's over the series' range. Backlog is a level (at each bucket's end) and retention a ratio
     * over each bucket's days: those are per point and do not add up.
     */
    public Uni<List<SeriesPoint>> timeSeries(String tenant, Instant from, Instant to, Granularity granularity) {
        validateRange(from, to);
        return zone(tenant).flatMap(zone -> {
            List<Instant[]> buckets = buckets(from, to, zone, granularity);
            if (buckets.size() > MAX_POINTS) {
                return Uni.createFrom().failure(ProblemException.badRequest("validation",
                        "at most " + MAX_POINTS + " points per series: choose a coarser granularity or a shorter range"));
            }
            Instant end = buckets.get(buckets.size() - 1)[1];
            return rollups.series(tenant, buckets.stream().map(b -> b[0]).toList(), end).flatMap(sums -> retentions(tenant, buckets).map(kept -> {
                List<SeriesPoint> points = new ArrayList<>();
                Aggregate level = sums.getOrDefault(0, Map.of()).get("backlog"); // everything before the first bucket
                for (int i = 0; i < buckets.size(); i++) {
                    Map<String, Aggregate> metrics = new TreeMap<>(sums.getOrDefault(i + 1, Map.of()));
                    level = plus(level, metrics.get("backlog"));
                    if (level != null) {
                        metrics.put("backlog", level);
                    }
                    Map<String, Object> figures = figures(metrics);
                    figures.put(Kpi.RETENTION.key(), kept.get(i));
                    points.add(new SeriesPoint(buckets.get(i)[0], buckets.get(i)[1], figures));
                }
                return points;
            }));
        });
    }

    /** Retention per bucket, a few hundred buckets a query (each adds three columns; PostgreSQL allows 1664). */
    private Uni<List<KpiReport.Stats>> retentions(String tenant, List<Instant[]> buckets) {
        List<List<Instant[]>> chunks = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i += RETENTION_CHUNK) {
            chunks.add(buckets.subList(i, Math.min(buckets.size(), i + RETENTION_CHUNK)));
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(chunk -> retention(tenant, chunk))
                .collect().asList().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    static final int RETENTION_CHUNK = 250;

    private static Aggregate plus(Aggregate a, Aggregate b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new Aggregate(a.group(), a.metric(), a.n() + b.n(), a.total() + b.total(), new TreeMap<>());
    }

    /** The buckets covering [from, to) in the zone; bounds fall on UTC hours (the rollups' grain). */
    static List<Instant[]> buckets(Instant from, Instant to, ZoneId zone, Granularity granularity) {
        java.time.ZonedDateTime start = switch (granularity) {
            case HOUR -> from.atZone(zone);
            case DAY -> from.atZone(zone).toLocalDate().atStartOfDay(zone);
            case WEEK -> from.atZone(zone).toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                    .atStartOfDay(zone);
            case MONTH -> from.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
        List<Instant[]> out = new ArrayList<>();
        while (start.toInstant().isBefore(to) && out.size() <= MAX_POINTS) {
            java.time.ZonedDateTime end = switch (granularity) {
                case HOUR -> start.plusHours(1);
                case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone);
                case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone);
                case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone);
            };
            out.add(new Instant[] { start.toInstant().truncatedTo(ChronoUnit.HOURS), end.toInstant().truncatedTo(ChronoUnit.HOURS) });
            start = end;
        }
        return out;
    }

    /** Tickets created per hour of the day and per weekday in the tenant's zone, from the tenant-wide volume rows. */
    public Uni<io.pharos.analytics.api.VolumeProfile> volumeProfile(String tenant, Instant from, Instant to) {
        validateRange(from, to);
        return zone(tenant).flatMap(zone -> rollups.hourlyVolume(tenant, from, to).map(volumes -> {
            long[] hours = new long[24];
            long[] days = new long[7];
            volumes.forEach(v -> {
                java.time.ZonedDateTime local = v.hour().atZone(zone);
                hours[local.getHour()] += v.tickets();
                days[local.getDayOfWeek().ordinal()] += v.tickets();
            });
            List<io.pharos.analytics.api.VolumeProfile.HourOfDay> byHour = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                byHour.add(new io.pharos.analytics.api.VolumeProfile.HourOfDay(h, hours[h]));
            }
            List<io.pharos.analytics.api.VolumeProfile.Weekday> byDay = new ArrayList<>();
            for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                byDay.add(new io.pharos.analytics.api.VolumeProfile.Weekday(d.name(), days[d.ordinal()]));
            }
            return new io.pharos.analytics.api.VolumeProfile(from, to, zone.getId(), byHour, byDay);
        }));
    }

    /** The tenant's zone: its default calendar's, UTC until one arrives. */
    public Uni<ZoneId> zone(String tenant) {
        return calendars.defaultCalendar(tenant).map(calendar -> calendar.zone());
    }

    static Map<String, Object> figures(Map<String, Aggregate> m) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put(Kpi.FIRST_RESPONSE_TIME.key(), new KpiReport.Duration(duration(m.get("firstResponseTime")), duration(m.get("firstResponseTimeBusiness"))));
        k.put(Kpi.REPLY_TIME.key(), new KpiReport.Duration(duration(m.get("replyTime")), duration(m.get("replyTimeBusiness"))));
        k.put(Kpi.FIRST_RESOLUTION_TIME.key(), new KpiReport.Duration(duration(m.get("firstResolutionTime")),
                duration(m.get("firstResolutionTimeBusiness"))));
        k.put(Kpi.FULL_RESOLUTION_TIME.key(), new KpiReport.Duration(duration(m.get("fullResolutionTime")),
                duration(m.get("fullResolutionTimeBusiness"))));
        k.put(Kpi.FCR.key(), percent(m.get("fcr")));
        k.put(Kpi.SLA_FIRST_RESPONSE_COMPLIANCE.key(), percent(m.get(Kpi.SLA_FIRST_RESPONSE_COMPLIANCE.key())));
        k.put(Kpi.SLA_RESOLUTION_COMPLIANCE.key(), percent(m.get(Kpi.SLA_RESOLUTION_COMPLIANCE.key())));
        k.put(Kpi.REOPEN_RATE.key(), percent(m.get("reopenRate")));
        k.put(Kpi.CSAT.key(), average(m.get("csat")));
        k.put("csatSatisfied", percent(m.get("csatSatisfied")));
        k.put(Kpi.NPS.key(), average(m.get("nps")));
        k.put(Kpi.CES.key(), average(m.get("ces")));
        Aggregate volume = m.get("volume");
        k.put(Kpi.VOLUME.key(), new KpiReport.Stats(volume == null ? 0.0 : volume.total(), volume == null ? 0 : volume.n(), null, null));
        Aggregate backlog = m.get("backlog");
        k.put(Kpi.BACKLOG.key(), new KpiReport.Stats(backlog == null ? 0.0 : backlog.total(), backlog == null ? 0 : backlog.n(), null, null));
        return k;
    }

    private static KpiReport.Stats duration(Aggregate a) {
        if (a == null || a.n() == 0) {
            return new KpiReport.Stats(null, 0, null, null);
        }
        return new KpiReport.Stats(a.total() / a.n(), a.n(), LogBins.percentile(a.bins(), 50), LogBins.percentile(a.bins(), 90));
    }

    private static KpiReport.Stats percent(Aggregate a) {
        return a == null || a.n() == 0 ? new KpiReport.Stats(null, 0, null, null) : new KpiReport.Stats(a.total() * 100.0 / a.n(), a.n(), null, null);
    }

    private static KpiReport.Stats average(Aggregate a) {
        return a == null || a.n() == 0 ? new KpiReport.Stats(null, 0, null, null) : new KpiReport.Stats(a.total() / a.n(), a.n(), null, null);
    }

    /** The headline figure of a KPI in a report group (durations: the calendar average). */
    static Double headline(Map<String, Object> kpis, Kpi kpi) {
        Object v = kpis.get(kpi.key());
        if (v instanceof KpiReport.Duration d) {
            return d.calendar().value();
        }
        return v instanceof KpiReport.Stats s ? s.value() : null;
    }

    public Uni<Scorecard> scorecard(String tenant, Instant from, Instant to) {
        validateRange(from, to);
        Instant previousFrom = from.minus(Duration.between(from, to));
        // headlines only: averages and rates from the tenant-wide sums, no distributions; retention of both periods in one pass
        Uni<List<KpiReport.Stats>> kept = retention(tenant, List.of(new Instant[] { from, to }, new Instant[] { previousFrom, from })).memoize()
                .indefinitely();
        Uni<KpiReport> currentReport = rollups.aggregate(tenant, from, to, null, false).flatMap(a -> kept.map(r -> report(from, to, GroupBy.NONE, a, r.get(0))));
        Uni<KpiReport> earlierReport = rollups.aggregate(tenant, previousFrom, from, null, false)
                .flatMap(a -> kept.map(r -> report(previousFrom, from, GroupBy.NONE, a, r.get(1))));
        return targets(tenant).flatMap(targets -> currentReport.flatMap(now -> earlierReport
                .map(before -> {
                    Map<String, Object> current = now.groups().isEmpty() ? Map.of() : now.groups().get(0).kpis();
                    Map<String, Object> previous = before.groups().isEmpty() ? Map.of() : before.groups().get(0).kpis();
                    List<Scorecard.Entry> entries = new ArrayList<>();
                    for (Kpi kpi : Kpi.values()) {
                        Double target = targets.get(kpi.key());
                        if (target == null || kpi.higherIsBetter() == null) {
                            continue;
                        }
                        Double value = headline(current, kpi);
                        Double prior = headline(previous, kpi);
                        entries.add(new Scorecard.Entry(kpi.key(), value, target, kpi.higherIsBetter(), status(value, target, kpi.higherIsBetter()),
                                prior, trend(value, prior)));
                    }
                    return new Scorecard(from, to, entries);
                })));
    }

    static Scorecard.Status status(Double value, double target, boolean higherIsBetter) {
        if (value == null) {
            return Scorecard.Status.NO_DATA;
        }
        boolean met = higherIsBetter ? value >= target : value <= target;
        if (met) {
            return Scorecard.Status.MET;
        }
        double miss = Math.abs(value - target);
        return miss <= Math.abs(target) * AT_RISK_MARGIN ? Scorecard.Status.AT_RISK : Scorecard.Status.MISSED;
    }

    static Scorecard.Trend trend(Double value, Double previous) {
        if (value == null || previous == null) {
            return Scorecard.Trend.NONE;
        }
        return value > previous ? Scorecard.Trend.UP : value < previous ? Scorecard.Trend.DOWN : Scorecard.Trend.FLAT;
    }

    /** The tenant's targets: the defaults of docs/kpi-definitions.md, overridden by what the tenant set. */
    public Uni<Map<String, Double>> targets(String tenant) {
        return targets.of(tenant).map(set -> {
            Map<String, Double> t = new LinkedHashMap<>();
            for (Kpi kpi : Kpi.values()) {
                if (kpi.defaultTarget() != null) {
                    t.put(kpi.key(), kpi.defaultTarget());
                }
            }
            t.putAll(set);
            return t;
        });
    }

    public Uni<Void> setTarget(String tenant, Kpi kpi, double target) {
        return targets.set(tenant, kpi.key(), target);
    }
}
