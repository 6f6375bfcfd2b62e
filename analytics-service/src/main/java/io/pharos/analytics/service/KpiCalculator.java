package io.pharos.analytics.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.pharos.analytics.model.Kpi;

/**
 * The KPI definitions of DESIGN.md as plain functions over facts, for one range {@code [from, to)}
 * grouped by channel, team or agent. Attribution follows the counting rules: FRT and reply time to
 * the reply, resolution, FCR and reopen rate to the (first) solve, surveys to the response, volume
 * to the creation, backlog to the range end. Durations are calendar seconds.
 */
public final class KpiCalculator {

    public enum GroupBy {
        NONE, CHANNEL, TEAM, AGENT
    }

    public record Message(String authorKind, String visibility, Instant at) {
        boolean agentReply() {
            return "agent".equals(authorKind) && "public".equals(visibility);
        }

        boolean fromCustomer() {
            return "customer".equals(authorKind);
        }
    }

    public record StatusChange(String status, Instant at) {
    }

    public record TicketFacts(String channel, String team, String assignee, Instant createdAt, boolean reopened, List<Message> messages,
            List<StatusChange> statuses) {
    }

    public record SurveyFacts(String type, int score, int scaleMin, int scaleMax, Instant respondedAt, String channel, String agent, String team) {
    }

    /** One KPI of one group: {@code value} is the headline (the average for durations), {@code count} its data points. */
    public record Value(Double value, long count, Double median, Double p90) {
    }

    private KpiCalculator() {
    }

    public static Map<String, Map<String, Value>> compute(List<TicketFacts> tickets, List<SurveyFacts> surveys, Instant from, Instant to,
            GroupBy groupBy) {
        Map<String, Acc> groups = new TreeMap<>();
        Function<String, Acc> group = key -> groups.computeIfAbsent(key, k -> new Acc());
        for (TicketFacts t : tickets) {
            Acc acc = group.apply(key(groupBy, t.channel(), t.team(), t.assignee()));
            List<Message> messages = new ArrayList<>(t.messages());
            messages.sort(Comparator.comparing(Message::at));
            List<StatusChange> statuses = new ArrayList<>(t.statuses());
            statuses.sort(Comparator.comparing(StatusChange::at));
            if (in(t.createdAt(), from, to)) {
                acc.volume++;
            }
            boolean proactive = !messages.isEmpty() && !messages.get(0).fromCustomer();
            Message firstReply = messages.stream().filter(Message::agentReply).findFirst().orElse(null);
            if (!proactive && firstReply != null && in(firstReply.at(), from, to)) {
                acc.frt.add(seconds(t.createdAt(), firstReply.at()));
            }
            // reply time: from the first unanswered customer message (creation counts as one) to the next public agent reply
            Instant waiting = proactive ? null : t.createdAt();
            for (Message m : messages) {
                if (m.fromCustomer() && waiting == null) {
                    waiting = m.at();
                } else if (m.agentReply()) {
                    if (waiting != null && in(m.at(), from, to)) {
                        acc.replyTime.add(seconds(waiting, m.at()));
                    }
                    waiting = null;
                }
            }
            Instant firstSolve = null;
            Instant lastSolveBeforeEnd = null;
            String statusAtEnd = null;
            for (StatusChange s : statuses) {
                if ("solved".equals(s.status())) {
                    if (firstSolve == null) {
                        firstSolve = s.at();
                    }
                    if (s.at().isBefore(to)) {
                        lastSolveBeforeEnd = s.at();
                    }
                }
                if (s.at().isBefore(to)) {
                    statusAtEnd = s.status();
                }
            }
            if (firstSolve != null && in(firstSolve, from, to)) {
                acc.firstResolution.add(seconds(t.createdAt(), firstSolve));
                long replies = messages.stream().filter(Message::agentReply).count();
                acc.solved++;
                if (replies == 1 && !t.reopened()) {
                    acc.fcr++;
                }
                if (t.reopened()) {
                    acc.reopened++;
                }
            }
            boolean doneAtEnd = "solved".equals(statusAtEnd) || "closed".equals(statusAtEnd);
            if (doneAtEnd && lastSolveBeforeEnd != null && in(lastSolveBeforeEnd, from, to)) {
                acc.fullResolution.add(seconds(t.createdAt(), lastSolveBeforeEnd));
            }
            if (t.createdAt().isBefore(to) && statusAtEnd != null && !doneAtEnd) {
                acc.backlog++;
            }
        }
        for (SurveyFacts s : surveys) {
            if (!in(s.respondedAt(), from, to)) {
                continue;
            }
            Acc acc = group.apply(key(groupBy, s.channel(), s.team(), s.agent()));
            switch (s.type()) {
                case "csat" -> {
                    acc.csatCount++;
                    if (s.score() >= s.scaleMax() - 1) {
                        acc.csatTopTwo++;
                    }
                    acc.csatNormalisedSum += (s.score() - s.scaleMin()) * 10.0 / (s.scaleMax() - s.scaleMin());
                }
                case "nps" -> {
                    acc.npsCount++;
                    if (s.score() >= 9) {
                        acc.promoters++;
                    } else if (s.score() <= 6) {
                        acc.detractors++;
                    }
                }
                case "ces" -> {
                    acc.cesCount++;
                    acc.cesSum += s.score();
                }
                default -> {
                }
            }
        }
        Map<String, Map<String, Value>> out = new LinkedHashMap<>();
        groups.forEach((key, acc) -> out.put(key, acc.values()));
        return out;
    }

    static String key(GroupBy groupBy, String channel, String team, String agent) {
        return switch (groupBy) {
            case NONE -> "all";
            case CHANNEL -> channel == null ? "unknown" : channel;
            case TEAM -> team == null ? "none" : team;
            case AGENT -> agent == null ? "unassigned" : agent;
        };
    }

    private static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private static long seconds(Instant a, Instant b) {
        return Duration.between(a, b).toSeconds();
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    public static Double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1).doubleValue();
    }

    private static final class Acc {
        final List<Long> frt = new ArrayList<>();
        final List<Long> replyTime = new ArrayList<>();
        final List<Long> firstResolution = new ArrayList<>();
        final List<Long> fullResolution = new ArrayList<>();
        long volume;
        long backlog;
        long solved;
        long fcr;
        long reopened;
        long csatCount;
        long csatTopTwo;
        double csatNormalisedSum;
        long npsCount;
        long promoters;
        long detractors;
        long cesCount;
        long cesSum;

        Map<String, Value> values() {
            Map<String, Value> v = new LinkedHashMap<>();
            v.put(Kpi.FIRST_RESPONSE_TIME.key(), durations(frt));
            v.put(Kpi.REPLY_TIME.key(), durations(replyTime));
            v.put(Kpi.FIRST_RESOLUTION_TIME.key(), durations(firstResolution));
            v.put(Kpi.FULL_RESOLUTION_TIME.key(), durations(fullResolution));
            v.put(Kpi.FCR.key(), share(fcr, solved));
            v.put(Kpi.REOPEN_RATE.key(), share(reopened, solved));
            v.put(Kpi.CSAT.key(), new Value(csatCount == 0 ? null : csatNormalisedSum / csatCount, csatCount, null, null));
            v.put("csatSatisfied", share(csatTopTwo, csatCount));
            v.put(Kpi.NPS.key(), new Value(npsCount == 0 ? null : (promoters - detractors) * 100.0 / npsCount, npsCount, null, null));
            v.put(Kpi.CES.key(), new Value(cesCount == 0 ? null : (double) cesSum / cesCount, cesCount, null, null));
            v.put(Kpi.VOLUME.key(), new Value((double) volume, volume, null, null));
            v.put(Kpi.BACKLOG.key(), new Value((double) backlog, backlog, null, null));
            return v;
        }

        private static Value durations(List<Long> values) {
            if (values.isEmpty()) {
                return new Value(null, 0, null, null);
            }
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double avg = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
            return new Value(avg, sorted.size(), percentile(sorted, 50), percentile(sorted, 90));
        }

        private static Value share(long part, long whole) {
            return new Value(whole == 0 ? null : part * 100.0 / whole, whole, null, null);
        }
    }
}
