package io.pharos.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The reference dataset of the analytics tests: tickets over March 2026 in Athens (every channel,
 * proactive tickets, internal notes, pending periods, reopenings, weekend and holiday edges —
 * 25 March is a public holiday — and the switch to summer time on 29 March), survey responses
 * of all three types, and the ground-truth KPIs computed here, independently of the service: by
 * walking each ticket's history and, for business time, every minute of the calendar.
 */
final class ReferenceDataset {

    static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    static final LocalDate HOLIDAY = LocalDate.of(2026, 3, 25);
    static final Instant START = Instant.parse("2026-03-01T22:00:00Z"); // Monday 2 March, 00:00 in Athens
    static final List<String> CHANNELS = List.of("email", "chat", "sms", "whatsapp", "telegram", "messenger", "instagram", "form", "phone");
    static final List<String> TEAMS = java.util.Arrays.asList("billing", "logistics", null);
    static final List<String> AGENTS = java.util.Arrays.asList("agent-anna", "agent-nikos", null);
    static final Set<String> DONE = Set.of("solved", "closed");

    record Msg(UUID id, String author, String visibility, Instant at) {
        boolean agentReply() {
            return "agent".equals(author) && "public".equals(visibility);
        }
    }

    record Status(String status, Instant at) {
    }

    record Ticket(UUID id, String tenant, long number, String channel, String team, String agent, Instant created, List<Msg> messages,
            List<Status> statuses) {
        boolean reopened() {
            for (int i = 1; i < statuses.size(); i++) {
                if (DONE.contains(statuses.get(i - 1).status()) && !DONE.contains(statuses.get(i).status())) {
                    return true;
                }
            }
            return false;
        }
    }

    record Survey(UUID id, String tenant, String type, int score, int min, int max, Instant at, String channel, String agent, String team) {
    }

    /** The end of the dataset's history: every event happened before it. */
    static final Instant END = Instant.parse("2026-04-30T21:00:00Z");

    /** An SLA clock as ticket-service reports it in events. */
    record Clock(String target, String state, boolean everBreached, Instant dueAt, Instant fulfilledAt, Instant updatedAt) {
    }

    /** Four tickets in five fall under a policy: first response within 2 hours, resolution within 3 days (calendar time). */
    static boolean hasSla(Ticket t) {
        return t.number() % 5 != 0;
    }

    /** The ticket's clocks as they stand at an instant: ticket-service's rules, restated. */
    static List<Clock> clocks(Ticket t, Instant at) {
        List<Clock> clocks = new ArrayList<>();
        if (!hasSla(t)) {
            return clocks;
        }
        List<Msg> msgs = new ArrayList<>(t.messages());
        msgs.sort(Comparator.comparing(Msg::at));
        if ("customer".equals(msgs.get(0).author())) { // a proactive ticket has no first-response target
            Instant due = t.created().plus(Duration.ofHours(2));
            Instant reply = msgs.stream().filter(Msg::agentReply).map(Msg::at).filter(a -> !a.isAfter(at)).findFirst().orElse(null);
            boolean breached = !due.isAfter(at) && (reply == null || reply.isAfter(due));
            clocks.add(new Clock("first_response", breached ? "breached" : reply != null ? "met" : "active", breached, due, reply,
                    reply != null ? reply : breached ? due : t.created()));
        }
        Instant due = t.created().plus(Duration.ofDays(3));
        Status now = null;
        Instant lastSolve = null;
        for (Status s : t.statuses()) {
            if (!s.at().isAfter(at)) {
                now = s;
                if ("solved".equals(s.status())) {
                    lastSolve = s.at();
                }
            }
        }
        boolean done = now != null && DONE.contains(now.status()) && lastSolve != null;
        boolean breached = done ? lastSolve.isAfter(due) : !due.isAfter(at);
        Instant updated = now == null ? t.created() : now.at();
        if (breached && due.isAfter(updated)) {
            updated = due;
        }
        clocks.add(new Clock("resolution", breached ? "breached" : done ? "met" : "active", breached, due, done ? lastSolve : null, updated));
        return clocks;
    }

    /** A customer's lifecycle: created, perhaps churned on a day, perhaps merged into another. */
    record Customer(UUID id, String tenant, Instant created, LocalDate churnedOn, boolean mergedAway) {
    }

    final List<Ticket> tickets = new ArrayList<>();
    final List<Survey> surveys = new ArrayList<>();
    final List<Customer> customers = new ArrayList<>();

    static ReferenceDataset generate(long seed, int acmeTickets) {
        ReferenceDataset d = new ReferenceDataset();
        Random r = new Random(seed);
        // the edges first: local midnight, the holiday, the weekend, the hour the clocks go forward
        List<Instant> edges = List.of(Instant.parse("2026-03-10T22:00:00Z"), Instant.parse("2026-03-24T16:59:00Z"),
                Instant.parse("2026-03-25T07:00:00Z"), Instant.parse("2026-03-27T14:58:00Z"), Instant.parse("2026-03-28T21:59:00Z"),
                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-13T15:00:00Z"));
        for (int i = 0; i < acmeTickets + 6; i++) {
            String tenant = i < acmeTickets ? "acme" : "globex";
            Instant created = i < edges.size() ? edges.get(i) : START.plus(r.nextInt(28 * 24 * 60), ChronoUnit.MINUTES);
            d.tickets.add(ticket(r, tenant, 1000 + i, created));
        }
        d.tickets.add(solvedReopenedSolved());
        for (int i = 0; i < 150; i++) {
            Ticket about = d.tickets.get(r.nextInt(acmeTickets));
            Instant at = START.plus(r.nextInt(30 * 24 * 60), ChronoUnit.MINUTES);
            String type = List.of("csat", "csat", "nps", "ces").get(r.nextInt(4));
            int min = switch (type) {
                case "nps" -> 0;
                default -> 1;
            };
            int max = switch (type) {
                case "csat" -> r.nextInt(3) == 0 ? 10 : 5;
                case "nps" -> 10;
                default -> 7;
            };
            d.surveys.add(new Survey(UUID.randomUUID(), "acme", type, min + r.nextInt(max - min + 1), min, max, at, about.channel(), about.agent(),
                    about.team()));
        }
        // customers since September 2025; a quarter churn, some on the edges of March; a few merged away
        List<LocalDate> churnEdges = List.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 29),
                LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 22), LocalDate.of(2026, 3, 23));
        Instant since = Instant.parse("2025-09-01T00:00:00Z");
        for (int i = 0; i < 160; i++) {
            String tenant = i < 150 ? "acme" : "globex";
            Instant created = i == 0 ? START : i == 1 ? START.minusSeconds(1)
                    : since.plus(r.nextInt((int) Duration.between(since, Instant.parse("2026-04-20T00:00:00Z")).toMinutes()), ChronoUnit.MINUTES);
            LocalDate createdDay = created.atZone(ATHENS).toLocalDate();
            LocalDate churned = null;
            if (i >= 2 && i < 2 + churnEdges.size() && churnEdges.get(i - 2).isAfter(createdDay)) {
                churned = churnEdges.get(i - 2);
            } else if (r.nextInt(4) == 0) {
                churned = createdDay.plusDays(1 + r.nextInt(200));
            }
            d.customers.add(new Customer(UUID.randomUUID(), tenant, created, churned, i % 37 == 5));
        }
        return d;
    }

    /**
     * Solved on Monday 9 March, reopened on Wednesday 11 March, solved again on Friday 13 March (Athens): over March its
     * full resolution counts once, on the 13th; a report of the 9th alone, judged at that day's end, counts it there.
     */
    static final UUID SOLVED_REOPENED_SOLVED = UUID.fromString("00000000-0000-0000-0000-000000000913");

    private static Ticket solvedReopenedSolved() {
        Instant created = Instant.parse("2026-03-09T07:00:00Z");
        List<Msg> messages = List.of(new Msg(UUID.randomUUID(), "customer", "public", created),
                new Msg(UUID.randomUUID(), "agent", "public", Instant.parse("2026-03-09T08:00:00Z")),
                new Msg(UUID.randomUUID(), "customer", "public", Instant.parse("2026-03-11T08:00:00Z")),
                new Msg(UUID.randomUUID(), "agent", "public", Instant.parse("2026-03-11T09:30:00Z")));
        List<Status> statuses = List.of(new Status("new", created), new Status("open", Instant.parse("2026-03-09T08:00:00Z")),
                new Status("solved", Instant.parse("2026-03-09T10:00:00Z")), new Status("open", Instant.parse("2026-03-11T08:00:00Z")),
                new Status("solved", Instant.parse("2026-03-13T09:00:00Z")));
        return new Ticket(SOLVED_REOPENED_SOLVED, "acme", 913, "email", "billing", "agent-anna", created, messages, statuses);
    }

    private static Ticket ticket(Random r, String tenant, long number, Instant created) {
        List<Msg> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        statuses.add(new Status("new", created));
        boolean proactive = r.nextInt(10) == 0;
        messages.add(new Msg(UUID.randomUUID(), proactive ? "agent" : "customer", "public", created));
        Instant t = created;
        String status = "new";
        int replies = r.nextInt(4);
        for (int k = 0; k < replies; k++) {
            t = t.plus(5 + r.nextInt(3000), ChronoUnit.MINUTES);
            boolean note = r.nextInt(8) == 0;
            messages.add(new Msg(UUID.randomUUID(), "agent", note ? "internal" : "public", t));
            if (!note && "new".equals(status)) {
                statuses.add(new Status(status = "open", t));
            }
            if (!note && r.nextInt(3) == 0) {
                statuses.add(new Status(status = "pending", t.plus(1, ChronoUnit.MINUTES)));
            }
            if (r.nextBoolean()) { // the customer writes again (several messages in a row count once)
                t = t.plus(2 + r.nextInt(600), ChronoUnit.MINUTES);
                messages.add(new Msg(UUID.randomUUID(), "customer", "public", t));
                if (r.nextInt(3) == 0) {
                    t = t.plus(1 + r.nextInt(30), ChronoUnit.MINUTES);
                    messages.add(new Msg(UUID.randomUUID(), "customer", "public", t));
                }
                if ("pending".equals(status)) {
                    statuses.add(new Status(status = "open", t));
                }
            }
        }
        if (r.nextInt(5) != 0) { // solved
            t = t.plus(3 + r.nextInt(600), ChronoUnit.MINUTES);
            statuses.add(new Status("solved", t));
            if (r.nextInt(4) == 0) { // reopened by the customer, usually solved again
                t = t.plus(60 + r.nextInt(3000), ChronoUnit.MINUTES);
                messages.add(new Msg(UUID.randomUUID(), "customer", "public", t));
                statuses.add(new Status("open", t));
                t = t.plus(10 + r.nextInt(500), ChronoUnit.MINUTES);
                messages.add(new Msg(UUID.randomUUID(), "agent", "public", t));
                if (r.nextInt(4) != 0) {
                    t = t.plus(5 + r.nextInt(900), ChronoUnit.MINUTES);
                    statuses.add(new Status("solved", t));
                }
            }
            if (r.nextInt(5) == 0 && "solved".equals(statuses.get(statuses.size() - 1).status())) {
                statuses.add(new Status("closed", t.plus(4, ChronoUnit.DAYS)));
            }
        }
        if (number % 6 == 1) { // a bot's greeting: never a reply, never the opener, no end of a wait
            messages.add(1, new Msg(UUID.randomUUID(), "bot", "public", created.plus(1, ChronoUnit.MINUTES)));
        }
        return new Ticket(UUID.randomUUID(), tenant, number, CHANNELS.get(r.nextInt(CHANNELS.size())), TEAMS.get(r.nextInt(TEAMS.size())),
                AGENTS.get(r.nextInt(AGENTS.size())), created, messages, statuses);
    }

    // ------------------------------------------------------------------ the ground truth

    /** Seconds the Athens calendar (Mon–Fri 09:00–17:00, closed 25 March) is open in [a, b); a and b are whole minutes. */
    static long businessSeconds(Instant a, Instant b) {
        long open = 0;
        for (Instant m = a; m.isBefore(b); m = m.plus(1, ChronoUnit.MINUTES)) {
            ZonedDateTime local = m.atZone(ATHENS);
            DayOfWeek day = local.getDayOfWeek();
            LocalTime time = local.toLocalTime();
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !local.toLocalDate().equals(HOLIDAY)
                    && !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(17, 0))) {
                open += 60;
            }
        }
        return open;
    }

    /** The expected figures of one group over [from, to). */
    static final class Expected {
        final List<Long> frt = new ArrayList<>();
        final List<Long> frtBusiness = new ArrayList<>();
        final List<Long> reply = new ArrayList<>();
        final List<Long> replyBusiness = new ArrayList<>();
        final List<Long> firstResolution = new ArrayList<>();
        final List<Long> firstResolutionBusiness = new ArrayList<>();
        final List<Long> fullResolution = new ArrayList<>();
        long volume;
        long backlog;
        long solved;
        long fcr;
        long reopened;
        final List<Double> csat = new ArrayList<>();
        long csatSatisfied;
        final List<Integer> nps = new ArrayList<>();
        final List<Integer> ces = new ArrayList<>();
        long slaFirstResponseMet;
        long slaFirstResponseDecided;
        long slaResolutionMet;
        long slaResolutionDecided;
    }

    Map<String, Expected> expected(Instant from, Instant to, Function<Ticket, String> ticketGroup, Function<Survey, String> surveyGroup) {
        return expected(from, to, to, ticketGroup, surveyGroup);
    }

    /**
     * As the report over [from, to) would give, with full resolution judged at {@code judgedAt} (a series judges every bucket
     * at the end of the whole series): tickets solved or closed then, counted in the hour of their last solve before it, if
     * that lies in [from, to).
     */
    Map<String, Expected> expected(Instant from, Instant to, Instant judgedAt, Function<Ticket, String> ticketGroup,
            Function<Survey, String> surveyGroup) {
        Map<String, Expected> groups = new LinkedHashMap<>();
        for (Ticket t : tickets) {
            if (!"acme".equals(t.tenant())) {
                continue;
            }
            Expected e = groups.computeIfAbsent(ticketGroup.apply(t), g -> new Expected());
            List<Msg> msgs = new ArrayList<>(t.messages());
            msgs.sort(Comparator.comparing(Msg::at));
            if (within(t.created(), from, to)) {
                e.volume++;
            }
            boolean proactive = !"customer".equals(msgs.get(0).author());
            Msg first = msgs.stream().filter(Msg::agentReply).findFirst().orElse(null);
            if (!proactive && first != null && within(first.at(), from, to)) {
                e.frt.add(Duration.between(t.created(), first.at()).toSeconds());
                e.frtBusiness.add(businessSeconds(t.created(), first.at()));
            }
            // a reply answers the customer: the agent's messages of a proactive ticket before the customer first writes are not replies
            Instant waitingSince = proactive ? null : t.created();
            boolean customerWrote = !proactive;
            long replies = 0;
            for (Msg m : msgs) {
                if ("customer".equals(m.author())) {
                    customerWrote = true;
                    waitingSince = waitingSince == null ? m.at() : waitingSince;
                } else if (m.agentReply() && customerWrote) {
                    replies++;
                    if (waitingSince != null && within(m.at(), from, to)) {
                        e.reply.add(Duration.between(waitingSince, m.at()).toSeconds());
                        e.replyBusiness.add(businessSeconds(waitingSince, m.at()));
                    }
                    waitingSince = null;
                }
            }
            Status firstSolve = t.statuses().stream().filter(s -> "solved".equals(s.status())).findFirst().orElse(null);
            if (firstSolve != null && within(firstSolve.at(), from, to)) {
                e.solved++;
                e.firstResolution.add(Duration.between(t.created(), firstSolve.at()).toSeconds());
                e.firstResolutionBusiness.add(businessSeconds(t.created(), firstSolve.at()));
                if (replies == 1 && !t.reopened()) {
                    e.fcr++;
                }
                if (t.reopened()) {
                    e.reopened++;
                }
            }
            String statusAtEnd = null;
            String statusWhenJudged = null;
            Instant lastSolve = null;
            for (Status s : t.statuses()) {
                if (s.at().isBefore(to)) {
                    statusAtEnd = s.status();
                }
                if (s.at().isBefore(judgedAt)) {
                    statusWhenJudged = s.status();
                    if ("solved".equals(s.status())) {
                        lastSolve = s.at();
                    }
                }
            }
            if (statusWhenJudged != null && DONE.contains(statusWhenJudged) && lastSolve != null && within(lastSolve, from, to)) {
                e.fullResolution.add(Duration.between(t.created(), lastSolve).toSeconds());
            }
            if (statusAtEnd != null && !DONE.contains(statusAtEnd)) {
                e.backlog++;
            }
            for (Clock c : clocks(t, END)) { // a decided outcome counts in the hour it was decided
                Instant decided = c.everBreached() ? c.dueAt() : "met".equals(c.state()) ? c.fulfilledAt() : null;
                if (decided == null || !within(decided, from, to)) {
                    continue;
                }
                if ("first_response".equals(c.target())) {
                    e.slaFirstResponseDecided++;
                    e.slaFirstResponseMet += c.everBreached() ? 0 : 1;
                } else {
                    e.slaResolutionDecided++;
                    e.slaResolutionMet += c.everBreached() ? 0 : 1;
                }
            }
        }
        for (Survey s : surveys) {
            if (!within(s.at(), from, to)) {
                continue;
            }
            Expected e = groups.computeIfAbsent(surveyGroup.apply(s), g -> new Expected());
            switch (s.type()) {
                case "csat" -> {
                    e.csat.add((s.score() - s.min()) * 10.0 / (s.max() - s.min()));
                    if (s.score() >= s.max() - 1) {
                        e.csatSatisfied++;
                    }
                }
                case "nps" -> e.nps.add(s.score());
                default -> e.ces.add(s.score());
            }
        }
        return groups;
    }

    /**
     * Retention over the days of [from, to) in Athens, as docs/kpi-definitions.md defines it: (E − N) ÷ S × 100;
     * null when S is zero.
     */
    Double retention(Instant from, Instant to) {
        LocalDate first = from.atZone(ATHENS).toLocalDate();
        LocalDate last = to.minusSeconds(1).atZone(ATHENS).toLocalDate();
        long s = 0;
        long e = 0;
        long n = 0;
        for (Customer c : customers) {
            if (!"acme".equals(c.tenant()) || c.mergedAway()) {
                continue;
            }
            boolean churnedBeforeFirst = c.churnedOn() != null && c.churnedOn().isBefore(first);
            boolean churnedByLast = c.churnedOn() != null && !c.churnedOn().isAfter(last);
            if (c.created().isBefore(from) && !churnedBeforeFirst) {
                s++;
            }
            if (c.created().isBefore(to) && !churnedByLast) {
                e++;
            }
            if (within(c.created(), from, to)) {
                n++;
            }
        }
        return s == 0 ? null : (e - n) * 100.0 / s;
    }

    static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    static String orElse(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
