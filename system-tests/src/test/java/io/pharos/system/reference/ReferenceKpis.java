package io.pharos.system.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.pharos.system.reference.ReferenceHistory.Customer;
import io.pharos.system.reference.ReferenceHistory.Message;
import io.pharos.system.reference.ReferenceHistory.Response;
import io.pharos.system.reference.ReferenceHistory.Status;
import io.pharos.system.reference.ReferenceHistory.Ticket;

/**
 * Every KPI of docs/kpi-definitions.md computed straight from the reference history's timelines,
 * without Pharos's code: durations sample by sample, percentiles by nearest rank over the exact
 * values, SLA outcomes by walking each ticket's clock through the policy's business hours.
 */
public final class ReferenceKpis {

    /** A KPI over a range: a count and a value (average, percent or score); median and p90 for durations. */
    public record Figure(long count, Double value, Double median, Double p90) {
    }

    /** One SLA outcome: met or not, decided at an instant. */
    record Outcome(boolean met, Instant at) {
    }

    public static final Duration FIRST_RESPONSE_TARGET = Duration.ofMinutes(120);
    public static final Duration RESOLUTION_TARGET = Duration.ofMinutes(960);
    private static final Set<String> DONE = Set.of("solved", "closed");

    private final ReferenceHistory history;
    private final OpenHours business;
    private final OpenHours slaHours;
    private final Instant now;
    private final Map<Ticket, Outcome> firstResponse = new LinkedHashMap<>();
    private final Map<Ticket, Outcome> resolution = new LinkedHashMap<>();

    /**
     * @param business the tenant's default calendar (business-time KPIs)
     * @param slaHours the SLA policy's calendar (with the holidays)
     * @param now when the import ran: clocks still running then and past due are breached
     */
    public ReferenceKpis(ReferenceHistory history, OpenHours business, OpenHours slaHours, Instant now) {
        this.history = history;
        this.business = business;
        this.slaHours = slaHours;
        this.now = now;
        for (Ticket t : history.tickets) {
            Outcome f = firstResponseOutcome(t);
            if (f != null) {
                firstResponse.put(t, f);
            }
            Outcome r = resolutionOutcome(t);
            if (r != null) {
                resolution.put(t, r);
            }
        }
    }

    public static String group(Ticket t, String groupBy) {
        return switch (groupBy) {
            case "channel" -> t.channel();
            case "team" -> t.team();
            case "agent" -> t.assignee() == null ? "unassigned" : t.assignee();
            default -> "all";
        };
    }

    /** Every KPI over [from, to) for the tickets of one group; full resolution judged at {@code judgedAt}. */
    public Map<String, Figure> report(Instant from, Instant to, Instant judgedAt, String groupBy, String group) {
        Function<Instant, Boolean> in = at -> at != null && !at.isBefore(from) && at.isBefore(to);
        List<Ticket> tickets = history.tickets.stream().filter(t -> group(t, groupBy).equals(group)).toList();
        Map<String, Figure> k = new LinkedHashMap<>();
        k.put("volume", new Figure(tickets.stream().filter(t -> in.apply(t.createdAt())).count(), null, null, null));
        List<Double> frt = new ArrayList<>(), frtB = new ArrayList<>(), reply = new ArrayList<>(), replyB = new ArrayList<>();
        List<Double> firstRes = new ArrayList<>(), firstResB = new ArrayList<>(), fullRes = new ArrayList<>(), fullResB = new ArrayList<>();
        List<Double> fcr = new ArrayList<>(), reopen = new ArrayList<>(), slaFirst = new ArrayList<>(), slaResolution = new ArrayList<>();
        for (Ticket t : tickets) {
            Message first = firstReply(t);
            if (!t.proactive() && first != null && in.apply(first.at())) {
                frt.add(seconds(t.createdAt(), first.at()));
                frtB.add(seconds(business.between(t.createdAt(), first.at())));
            }
            Instant waiting = t.proactive() ? null : t.createdAt();
            for (Message m : t.messages()) {
                if (t.proactive() && m == t.messages().get(0)) {
                    continue; // the outreach itself answers nobody
                }
                if ("customer".equals(m.author()) && waiting == null) {
                    waiting = m.at();
                } else if (m.agentPublic()) {
                    if (waiting != null && in.apply(m.at())) {
                        reply.add(seconds(waiting, m.at()));
                        replyB.add(seconds(business.between(waiting, m.at())));
                    }
                    waiting = null;
                }
            }
            List<Instant> solves = t.statuses().stream().filter(s -> "solved".equals(s.status())).map(Status::at).toList();
            boolean reopened = reopenings(t) > 0;
            if (!solves.isEmpty() && in.apply(solves.get(0))) {
                firstRes.add(seconds(t.createdAt(), solves.get(0)));
                firstResB.add(seconds(business.between(t.createdAt(), solves.get(0))));
                fcr.add(replies(t) == 1 && !reopened ? 1.0 : 0.0);
                reopen.add(reopened ? 1.0 : 0.0);
            }
            for (Instant solve : solves) {
                Instant reopenedAt = t.statuses().stream().filter(s -> s.at().isAfter(solve) && "open".equals(s.status())).map(Status::at)
                        .findFirst().orElse(null);
                if (in.apply(solve) && (reopenedAt == null || !reopenedAt.isBefore(judgedAt))) {
                    fullRes.add(seconds(t.createdAt(), solve));
                    fullResB.add(seconds(business.between(t.createdAt(), solve)));
                }
            }
            Outcome f = firstResponse.get(t);
            if (f != null && in.apply(f.at())) {
                slaFirst.add(f.met() ? 1.0 : 0.0);
            }
            Outcome r = resolution.get(t);
            if (r != null && in.apply(r.at())) {
                slaResolution.add(r.met() ? 1.0 : 0.0);
            }
        }
        k.put("firstResponseTime.calendar", duration(frt));
        k.put("firstResponseTime.business", duration(frtB));
        k.put("replyTime.calendar", duration(reply));
        k.put("replyTime.business", duration(replyB));
        k.put("firstResolutionTime.calendar", duration(firstRes));
        k.put("firstResolutionTime.business", duration(firstResB));
        k.put("fullResolutionTime.calendar", duration(fullRes));
        k.put("fullResolutionTime.business", duration(fullResB));
        k.put("fcr", percent(fcr));
        k.put("reopenRate", percent(reopen));
        k.put("slaFirstResponseCompliance", percent(slaFirst));
        k.put("slaResolutionCompliance", percent(slaResolution));
        List<Double> csat = new ArrayList<>(), satisfied = new ArrayList<>(), nps = new ArrayList<>(), ces = new ArrayList<>();
        for (Response r : history.responses) {
            if (!group(r.ticket(), groupBy).equals(group) || !in.apply(r.respondedAt())) {
                continue;
            }
            switch (r.type()) {
                case "csat" -> {
                    csat.add((r.score() - 1) * 10.0 / (r.scaleMax() - 1));
                    satisfied.add(r.score() >= r.scaleMax() - 1 ? 1.0 : 0.0);
                }
                case "nps" -> nps.add(r.score() >= 9 ? 100.0 : r.score() <= 6 ? -100.0 : 0.0);
                default -> ces.add((double) r.score());
            }
        }
        k.put("csat", average(csat));
        k.put("csatSatisfied", percent(satisfied));
        k.put("nps", average(nps));
        k.put("ces", average(ces));
        return k;
    }

    /** Customer retention over the days of [from, to) in the zone (reported ungrouped only). */
    public Figure retention(Instant from, Instant to) {
        LocalDate firstDay = from.atZone(ReferenceHistory.ZONE).toLocalDate();
        LocalDate lastDay = to.minusNanos(1).atZone(ReferenceHistory.ZONE).toLocalDate();
        long s = 0, e = 0, n = 0;
        for (Customer c : history.customers) {
            if (c == history.duplicate) {
                continue; // merged into the survivor: it lives on there
            }
            if (c.createdAt().isBefore(from) && (c.churnedOn() == null || !c.churnedOn().isBefore(firstDay))) {
                s++;
            }
            if (c.createdAt().isBefore(to) && (c.churnedOn() == null || c.churnedOn().isAfter(lastDay))) {
                e++;
            }
            if (!c.createdAt().isBefore(from) && c.createdAt().isBefore(to)) {
                n++;
            }
        }
        return new Figure(s, s == 0 ? null : (e - n) * 100.0 / s, null, null);
    }

    /** Tickets of the group created before {@code at} and not solved or closed at {@code at} (the backlog then). */
    public long open(String groupBy, String group, Instant at) {
        return openAt(history.tickets.stream().filter(t -> group(t, groupBy).equals(group)).toList(), at);
    }

    private static long openAt(List<Ticket> tickets, Instant at) {
        long open = 0;
        for (Ticket t : tickets) {
            if (!t.createdAt().isBefore(at)) {
                continue;
            }
            String status = "new";
            for (Status s : t.statuses()) {
                if (s.at().isBefore(at)) {
                    status = s.status();
                }
            }
            open += DONE.contains(status) ? 0 : 1;
        }
        return open;
    }

    static Message firstReply(Ticket t) {
        return t.messages().stream().skip(t.proactive() ? 1 : 0).filter(Message::agentPublic).findFirst().orElse(null);
    }

    /** Public agent replies to the customer: the opening message of an agent's outreach is none. */
    static long replies(Ticket t) {
        return t.messages().stream().skip(t.proactive() ? 1 : 0).filter(Message::agentPublic).count();
    }

    static long reopenings(Ticket t) {
        long n = 0;
        String before = "new";
        for (Status s : t.statuses()) {
            if ("solved".equals(before) && "open".equals(s.status())) {
                n++;
            }
            before = s.status();
        }
        return n;
    }

    // ------------------------------------------------------------------ SLA clocks, by the rules of docs/kpi-definitions.md

    /** Due 120 business minutes after creation; met by a reply in time; a ticket solved unanswered before its due time has none. */
    private Outcome firstResponseOutcome(Ticket t) {
        if (t.proactive()) {
            return null;
        }
        Instant due = slaHours.add(t.createdAt(), FIRST_RESPONSE_TARGET);
        Message reply = firstReply(t);
        Instant stop = t.statuses().stream().filter(s -> DONE.contains(s.status())).map(Status::at).findFirst().orElse(null);
        if (reply != null && (stop == null || reply.at().isBefore(stop))) {
            return reply.at().isAfter(due) ? new Outcome(false, due) : new Outcome(true, reply.at());
        }
        Instant end = stop != null ? stop : now;
        return end.isBefore(due) ? null : new Outcome(false, due);
    }

    /**
     * 960 business minutes counted while new or open, paused while pending or on hold, stopped by a
     * solve or a close and resumed by a reopen; breached the moment the count passes the target,
     * otherwise met at the last solve.
     */
    private Outcome resolutionOutcome(Ticket t) {
        List<Status> timeline = new ArrayList<>(t.statuses());
        Duration used = Duration.ZERO;
        Instant runningSince = t.createdAt();
        String status = "new";
        Instant lastSolve = null;
        for (int i = 0; i <= timeline.size(); i++) {
            Status next = i < timeline.size() ? timeline.get(i) : null;
            Instant until = next != null ? next.at() : now;
            if (runningSince != null) {
                Instant due = slaHours.add(runningSince, RESOLUTION_TARGET.minus(used));
                if (due.isBefore(until)) {
                    return new Outcome(false, due);
                }
            }
            if (next == null) {
                break;
            }
            boolean running = "new".equals(next.status()) || "open".equals(next.status());
            if (runningSince != null && !running) {
                used = used.plus(slaHours.between(runningSince, next.at()));
                runningSince = null;
            } else if (runningSince == null && running && !"closed".equals(status)) {
                runningSince = next.at();
            }
            if ("solved".equals(next.status())) {
                lastSolve = next.at();
            } else if ("open".equals(next.status())) {
                lastSolve = null;
            }
            status = next.status();
        }
        return lastSolve == null ? null : new Outcome(true, lastSolve);
    }

    // ------------------------------------------------------------------ figures

    static double seconds(Instant a, Instant b) {
        return seconds(Duration.between(a, b));
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static Figure duration(List<Double> values) {
        if (values.isEmpty()) {
            return new Figure(0, null, null, null);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Figure(values.size(), values.stream().mapToDouble(Double::doubleValue).sum() / values.size(), rank(sorted, 50), rank(sorted, 90));
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static double rank(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static Figure percent(List<Double> values) {
        return values.isEmpty() ? new Figure(0, null, null, null)
                : new Figure(values.size(), values.stream().mapToDouble(Double::doubleValue).sum() * 100.0 / values.size(), null, null);
    }

    static Figure average(List<Double> values) {
        return values.isEmpty() ? new Figure(0, null, null, null)
                : new Figure(values.size(), values.stream().mapToDouble(Double::doubleValue).sum() / values.size(), null, null);
    }
}
