package io.pharos.analytics.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.pharos.commons.time.BusinessCalendar;

/**
 * What one ticket adds to the rollups, from its facts, by the counting rules of docs/kpi-definitions.md: each data
 * point in the hour of the instant it is attributed to (FRT and reply time, calendar and business: the reply; first
 * resolution, FCR and reopen rate: the first solve; full resolution: each solve, withdrawn by the
 * reopen that follows it; volume: the creation; backlog: +1 when it becomes open, -1 when solved
 * or closed). A pure function: the projection recomputes it whenever the ticket's facts change.
 */
public final class Contributions {

    public enum Metric {
        FRT("firstResponseTime"), FRT_BUSINESS("firstResponseTimeBusiness"), REPLY_TIME("replyTime"),
        REPLY_TIME_BUSINESS("replyTimeBusiness"),
        FIRST_RESOLUTION("firstResolutionTime"), FIRST_RESOLUTION_BUSINESS("firstResolutionTimeBusiness"),
        FULL_RESOLUTION("fullResolutionTime"), FULL_RESOLUTION_BUSINESS("fullResolutionTimeBusiness"),
        FCR("fcr"), REOPENED("reopenRate"), VOLUME("volume"), BACKLOG("backlog"),
        CSAT("csat"), CSAT_SATISFIED("csatSatisfied"), NPS("nps"), CES("ces"),
        SLA_FIRST_RESPONSE("slaFirstResponseCompliance"), SLA_RESOLUTION("slaResolutionCompliance");

        public final String key;

        Metric(String key) {
            this.key = key;
        }

        public boolean isDuration() {
            return key.endsWith("Time") || key.endsWith("Business");
        }
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

    /** An SLA target's outcome so far: met (when fulfilled), breached (ever, at its due instant), or still open. */
    public record SlaOutcome(String target, String state, boolean everBreached, Instant dueAt, Instant fulfilledAt) {
    }

    /**
     * A ticket's facts; {@code openedBy} is who opened it as its snapshots say ({@code customer}, or {@code agent} for
     * proactive outreach), null when no snapshot said (older events).
     */
    public record Ticket(Instant createdAt, boolean reopened, List<Message> messages, List<StatusChange> statuses, List<SlaOutcome> sla,
            String openedBy) {
        public Ticket(Instant createdAt, boolean reopened, List<Message> messages, List<StatusChange> statuses, List<SlaOutcome> sla) {
            this(createdAt, reopened, messages, statuses, sla, null);
        }

        public Ticket(Instant createdAt, boolean reopened, List<Message> messages, List<StatusChange> statuses) {
            this(createdAt, reopened, messages, statuses, List.of(), null);
        }
    }

    public record Point(Metric metric, Instant bucket, Instant until, double value) {
    }

    private static final Set<String> DONE = Set.of("solved", "closed");

    private Contributions() {
    }

    public static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    public static List<Point> of(Ticket t, BusinessCalendar calendar) {
        List<Point> points = new ArrayList<>();
        if (t.createdAt() == null) {
            return points; // the created event has not arrived yet: nothing to attribute
        }
        List<Message> messages = new ArrayList<>(t.messages());
        messages.sort(Comparator.comparing(Message::at));
        List<StatusChange> statuses = new ArrayList<>(t.statuses());
        statuses.sort(Comparator.comparing(StatusChange::at));
        Instant created = t.createdAt();
        points.add(new Point(Metric.VOLUME, hour(created), null, 1));

        boolean proactive = proactive(t.openedBy(), messages);
        Message first = messages.stream().filter(Message::agentReply).findFirst().orElse(null);
        if (!proactive && first != null) {
            points.add(new Point(Metric.FRT, hour(first.at()), null, seconds(created, first.at())));
            points.add(new Point(Metric.FRT_BUSINESS, hour(first.at()), null, seconds(calendar.between(created, first.at()))));
        }
        // a reply answers the customer: a proactive ticket's agent messages before the customer first writes (the opener, any
        // follow-up) are outreach, neither replies nor the end of a wait; FCR, FRT and reply time agree on that
        long replies = 0;
        boolean customerWrote = !proactive;
        Instant waiting = proactive ? null : created;
        for (Message m : messages) {
            if (m.fromCustomer()) {
                customerWrote = true;
                if (waiting == null) {
                    waiting = m.at();
                }
            } else if (m.agentReply() && customerWrote) {
                replies++;
                if (waiting != null) {
                    points.add(new Point(Metric.REPLY_TIME, hour(m.at()), null, seconds(waiting, m.at())));
                    points.add(new Point(Metric.REPLY_TIME_BUSINESS, hour(m.at()), null, seconds(calendar.between(waiting, m.at()))));
                }
                waiting = null;
            }
        }

        boolean open = false;
        Instant firstSolve = null;
        Instant pendingSolve = null;
        for (StatusChange s : statuses) {
            boolean done = DONE.contains(s.status());
            if (!done && !open) {
                points.add(new Point(Metric.BACKLOG, hour(s.at()), null, 1));
                open = true;
                if (pendingSolve != null) { // a reopen withdraws the full resolution of the solve before it
                    addFullResolution(points, created, pendingSolve, s.at(), calendar);
                    pendingSolve = null;
                }
            } else if (done && open) {
                points.add(new Point(Metric.BACKLOG, hour(s.at()), null, -1));
                open = false;
            }
            if ("solved".equals(s.status())) {
                if (firstSolve == null) {
                    firstSolve = s.at();
                }
                if (pendingSolve == null) {
                    pendingSolve = s.at();
                }
            }
        }
        if (pendingSolve != null) {
            addFullResolution(points, created, pendingSolve, null, calendar);
        }
        if (firstSolve != null) {
            Instant h = hour(firstSolve);
            points.add(new Point(Metric.FIRST_RESOLUTION, h, null, seconds(created, firstSolve)));
            points.add(new Point(Metric.FIRST_RESOLUTION_BUSINESS, h, null, seconds(calendar.between(created, firstSolve))));
            points.add(new Point(Metric.FCR, h, null, replies == 1 && !t.reopened() ? 1 : 0));
            points.add(new Point(Metric.REOPENED, h, null, t.reopened() ? 1 : 0));
        }
        for (SlaOutcome o : t.sla()) {
            Metric metric = switch (o.target()) {
                case "first_response" -> Metric.SLA_FIRST_RESPONSE;
                case "resolution" -> Metric.SLA_RESOLUTION;
                default -> null; // next-reply targets are per message, not per ticket: not a compliance KPI
            };
            if (metric == null) {
                continue;
            }
            // decided outcomes only, in the bucket they were decided: a breach when the target passed, a success when met
            if ((o.everBreached() || "breached".equals(o.state())) && o.dueAt() != null) {
                points.add(new Point(metric, hour(o.dueAt()), null, 0));
            } else if ("met".equals(o.state()) && o.fulfilledAt() != null) {
                points.add(new Point(metric, hour(o.fulfilledAt()), null, 1));
            }
        }
        return points;
    }

    /**
     * Proactive (an agent opened it): as the snapshots say; when they do not, when the first message the customer could see
     * or wrote is a public agent message. Internal notes, system messages and bots decide nothing: a bot greeting before the
     * customer's question does not make the agent the opener.
     */
    static boolean proactive(String openedBy, List<Message> byTime) {
        if (openedBy != null) {
            return "agent".equals(openedBy);
        }
        return byTime.stream().filter(m -> m.fromCustomer() || m.agentReply()).findFirst().map(Message::agentReply).orElse(false);
    }

    private static void addFullResolution(List<Point> points, Instant created, Instant solve, Instant reopen, BusinessCalendar calendar) {
        Instant until = reopen == null ? null : hour(reopen);
        points.add(new Point(Metric.FULL_RESOLUTION, hour(solve), until, seconds(created, solve)));
        points.add(new Point(Metric.FULL_RESOLUTION_BUSINESS, hour(solve), until, seconds(calendar.between(created, solve))));
    }

    /** A survey response's data points, in the hour it was given. */
    public static List<Point> survey(String type, int score, int scaleMin, int scaleMax, Instant respondedAt) {
        Instant h = hour(respondedAt);
        return switch (type) {
            case "csat" -> List.of(new Point(Metric.CSAT, h, null, (score - scaleMin) * 10.0 / (scaleMax - scaleMin)),
                    new Point(Metric.CSAT_SATISFIED, h, null, score >= scaleMax - 1 ? 1 : 0));
            case "nps" -> List.of(new Point(Metric.NPS, h, null, score >= 9 ? 100 : score <= 6 ? -100 : 0));
            case "ces" -> List.of(new Point(Metric.CES, h, null, score));
            default -> List.of();
        };
    }

    /** Exact to the microsecond the events carry: truncating each ticket to whole seconds would bias every average down. */
    private static double seconds(Instant a, Instant b) {
        return seconds(Duration.between(a, b));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
