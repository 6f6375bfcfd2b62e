package io.pharos.ticket.service.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.time.BusinessCalendar;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.ticket.api.SlaStatusDto;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.SlaClock.State;
import io.pharos.ticket.domain.SlaClock.Target;
import io.pharos.ticket.domain.SlaPolicy;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.SlaClockRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The SLA clocks of a ticket, kept by the counting rules of docs/kpi-definitions.md: the first-response clock runs
 * from creation and never pauses; a next-reply clock runs from each first unanswered customer
 * message to the next public agent reply; the resolution clock runs in NEW and OPEN, pauses in
 * PENDING and ON_HOLD, stops at SOLVED and resumes on reopen with the time already used. A target
 * is met iff fulfilled at or before its due instant. Called inside the ticket's transaction.
 */
@ApplicationScoped
public class SlaClocks {

    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final SlaClockRepository clocks;
    private final SlaTimeline timeline;

    public SlaClocks(SlaPolicyService policies, CalendarService calendars, SlaClockRepository clocks, SlaTimeline timeline) {
        this.timeline = timeline;
        this.policies = policies;
        this.calendars = calendars;
        this.clocks = clocks;
    }

    /** What a clock needs to compute: the policy and the calendar its targets are counted in. */
    record Rules(SlaPolicy policy, BusinessCalendar business) {

        BusinessCalendar calendarOf(boolean businessTime) {
            return businessTime ? business : BusinessCalendar.alwaysOpen(business.zone());
        }
    }

    /**
     * The ticket's clocks as events carry them (key {@code slaClocks}): analytics counts SLA
     * compliance from their outcomes. Clocks started in this transaction are in: they are the ones this
     * session knows ({@link #of}), so no query runs per event.
     */
    public Uni<List<SlaClockSnapshot>> snapshot(Ticket t) {
        return of(t).map(list -> list.stream()
                .sorted(java.util.Comparator.comparing((SlaClock c) -> c.target))
                .map(EventData::slaClock).toList());
    }

    /**
     * The ticket's clocks: read once per session, then kept on the ticket ({@link Ticket#knownClocks}) and
     * added to as clocks start here; a ticket created in this session starts with none.
     */
    public Uni<List<SlaClock>> of(Ticket t) {
        if (t.knownClocks != null) {
            return Uni.createFrom().item(t.knownClocks);
        }
        return clocks.ofTicket(t.id).invoke(list -> t.knownClocks = new ArrayList<>(list)).map(list -> t.knownClocks);
    }

    /** A ticket created in this session: nothing to read, it has no clocks yet. */
    public static void none(Ticket t) {
        t.knownClocks = new ArrayList<>();
    }

    /** Clocks replaced behind the session's back (a replay): the next {@link #of} reads them again. */
    public static void forget(Ticket t) {
        t.knownClocks = null;
    }

    /** What a new ticket's customer is promised: the first-response due instant, and whether the team is at work now. */
    public record Promise(String policy, Instant firstResponseDueAt, String timeZone, boolean openNow) {
    }

    /**
     * A new live ticket: its first-response clock (unless an agent opened it) and its resolution
     * clock; answers the first-response promise (null without a policy or such a target).
     */
    public Uni<Promise> started(Ticket t, boolean proactive, Instant at) {
        return rules(t).flatMap(rules -> {
            if (rules == null) {
                return Uni.createFrom().nullItem();
            }
            List<SlaClock> started = start(t.id, t.tenant, rules, proactive, at);
            Promise promise = started.stream().filter(c -> c.target == Target.FIRST_RESPONSE).findFirst()
                    .map(c -> new Promise(rules.policy().name, c.dueAt, rules.business().zone().getId(), rules.business().isOpen(at)))
                    .orElse(null);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SlaClock c : started) {
                chain = chain.flatMap(v -> persist(t, c));
            }
            return chain.replaceWith(promise);
        });
    }

    /** A message was added: an agent's public reply fulfils the waiting clocks; a customer's starts a next-reply clock. */
    public Uni<Void> messageAdded(Ticket t, boolean agentPublicReply, boolean fromCustomer, Instant at) {
        if (!agentPublicReply && !fromCustomer) {
            return Uni.createFrom().voidItem();
        }
        return timeline.messageAdded(t, agentPublicReply, at).flatMap(v -> of(t)).flatMap(list -> {
            Map<Target, SlaClock> byTarget = byTarget(list);
            if (list.isEmpty()) {
                return Uni.createFrom().voidItem(); // no SLA (an imported or policy-less ticket)
            }
            if (agentPublicReply) {
                replied(byTarget, at);
                return Uni.createFrom().voidItem();
            }
            if (!startsNextReply(byTarget, t.firstPublicReplyAt != null)) {
                return Uni.createFrom().voidItem(); // the first unanswered message already runs a clock
            }
            return rules(t).flatMap(rules -> {
                SlaClock next = byTarget.get(Target.NEXT_REPLY);
                SlaClock c = nextReply(next, t.id, t.tenant, rules, at);
                return c == null || next != null ? Uni.createFrom().voidItem() : persist(t, c);
            });
        });
    }

    /** The status changed: the resolution clock pauses, resumes or stops; solving ends what waits for a reply. */
    public Uni<Void> statusChanged(Ticket t, TicketStatus before, Instant at) {
        return timeline.statusChanged(t, before, at).flatMap(v -> of(t)).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return rules(t).invoke(rules -> statusChanged(byTarget(list), rules, before, t.status, at)).replaceWithVoid();
        });
    }

    // ------------------------------------------------------------------ the rules without the database (SlaReplay replays them)

    /** A new ticket's clocks: first response (unless an agent opened it) and resolution, as the policy has them. */
    static List<SlaClock> start(UUID ticketId, String tenant, Rules rules, boolean proactive, Instant at) {
        SlaPolicy p = rules.policy();
        List<SlaClock> started = new java.util.ArrayList<>();
        if (!proactive && (p.firstResponseSeconds != null || p.firstResponseSameDay)) {
            SlaClock c = clock(ticketId, tenant, Target.FIRST_RESPONSE, p, at);
            c.targetSeconds = p.firstResponseSeconds != null ? p.firstResponseSeconds : 0;
            c.business = p.firstResponseBusiness;
            plan(c, rules, p.firstResponseSameDay);
            started.add(c);
        }
        if (p.resolutionSeconds != null) {
            SlaClock c = clock(ticketId, tenant, Target.RESOLUTION, p, at);
            c.targetSeconds = p.resolutionSeconds;
            c.business = p.resolutionBusiness;
            plan(c, rules, false);
            started.add(c);
        }
        return started;
    }

    /** An agent's public reply fulfils the first-response and next-reply clocks that wait. */
    static void replied(Map<Target, SlaClock> byTarget, Instant at) {
        fulfil(byTarget.get(Target.FIRST_RESPONSE), at);
        fulfil(byTarget.get(Target.NEXT_REPLY), at);
    }

    /** Whether a customer's message starts a next-reply clock: only the first unanswered one after a first reply does. */
    static boolean startsNextReply(Map<Target, SlaClock> byTarget, boolean repliedBefore) {
        SlaClock next = byTarget.get(Target.NEXT_REPLY);
        boolean waiting = next != null && next.state == State.ACTIVE || next != null && next.state == State.BREACHED && next.fulfilledAt == null;
        SlaClock first = byTarget.get(Target.FIRST_RESPONSE);
        boolean firstStillOpen = first != null && first.fulfilledAt == null && first.state != State.NONE;
        return repliedBefore && !firstStillOpen && !waiting;
    }

    /** The next-reply clock (re)started at {@code at}: {@code existing} for a new cycle, or a new one; null without such a target. */
    static SlaClock nextReply(SlaClock existing, UUID ticketId, String tenant, Rules rules, Instant at) {
        if (rules == null || rules.policy().nextReplySeconds == null) {
            return null;
        }
        SlaClock c = existing != null ? existing : clock(ticketId, tenant, Target.NEXT_REPLY, rules.policy(), at);
        if (existing != null) {
            c.cycle++;
            c.policyId = rules.policy().id;
            c.policyName = rules.policy().name;
        }
        c.targetSeconds = rules.policy().nextReplySeconds;
        c.business = rules.policy().nextReplyBusiness;
        c.state = State.ACTIVE;
        c.startedAt = c.runningSince = at;
        c.usedSeconds = 0;
        c.fulfilledAt = null;
        c.warned = c.breached = false;
        c.updatedAt = at;
        plan(c, rules, false);
        return c;
    }

    /** The resolution clock pauses, resumes or stops with the status; solving ends what waits for a reply. */
    static void statusChanged(Map<Target, SlaClock> byTarget, Rules rules, TicketStatus before, TicketStatus status, Instant at) {
        SlaClock resolution = byTarget.get(Target.RESOLUTION);
        boolean running = status == TicketStatus.NEW || status == TicketStatus.OPEN;
        boolean paused = status == TicketStatus.PENDING || status == TicketStatus.ON_HOLD;
        boolean stopped = status == TicketStatus.SOLVED || status == TicketStatus.CLOSED;
        if (resolution != null && rules != null) {
            BusinessCalendar calendar = rules.calendarOf(resolution.business);
            if ((paused || stopped) && resolution.runningSince != null) {
                resolution.usedSeconds += calendar.between(resolution.runningSince, at).toSeconds();
                resolution.runningSince = null;
                if (resolution.state == State.ACTIVE) {
                    resolution.state = State.PAUSED;
                }
                if (!resolution.breached) { // a breach keeps its due instant: analytics counts it in that hour
                    resolution.dueAt = resolution.warnAt = null;
                }
            }
            if (stopped && status == TicketStatus.SOLVED) {
                // judged at the (last) solve: met iff the counted time stayed within the target
                resolution.fulfilledAt = at;
                resolution.state = resolution.breached || resolution.usedSeconds > resolution.targetSeconds ? State.BREACHED
                        : State.MET;
                resolution.everBreached |= resolution.state == State.BREACHED;
            }
            if (running && resolution.runningSince == null && before != TicketStatus.CLOSED) {
                resolution.runningSince = at;
                resolution.fulfilledAt = null;
                if (!resolution.breached) { // a breach stands; its due instant stays what it was
                    resolution.state = State.ACTIVE;
                    plan(resolution, rules, false);
                }
            }
            resolution.updatedAt = at;
        }
        if (stopped) {
            // solved without a reply: no first-response or next-reply outcome unless it was already due
            for (Target target : List.of(Target.FIRST_RESPONSE, Target.NEXT_REPLY)) {
                SlaClock c = byTarget.get(target);
                if (c != null && c.state == State.ACTIVE) {
                    c.state = c.dueAt != null && !at.isBefore(c.dueAt) ? State.BREACHED : State.NONE;
                    c.everBreached |= c.state == State.BREACHED;
                    c.updatedAt = at;
                }
            }
        }
    }

    /**
     * What {@link SlaMonitor} would have done by {@code at}, silently (no event, no escalation): a running
     * clock past its warning instant is warned, one past its due instant is breached with that due instant.
     * {@code inclusive}: a clock due exactly at {@code at} breaches (the end of a replay, as the monitor
     * does); otherwise it does not, so that a reply exactly at the due instant is met.
     */
    static void settle(Collection<SlaClock> list, Instant at, boolean inclusive) {
        for (SlaClock c : list) {
            if (c.state != State.ACTIVE) {
                continue;
            }
            if (!c.warned && c.warnAt != null && (c.warnAt.isBefore(at) || inclusive && c.warnAt.equals(at))) {
                c.warned = true;
                c.updatedAt = c.warnAt;
            }
            if (!c.breached && c.dueAt != null && (c.dueAt.isBefore(at) || inclusive && c.dueAt.equals(at))) {
                c.breached = c.everBreached = true;
                c.state = State.BREACHED;
                c.updatedAt = c.dueAt;
            }
        }
    }

    /** Priority, channel or tags changed: the clocks still running follow the policy that matches now. */
    public Uni<Void> reclassified(Ticket t, Instant at) {
        return of(t).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return rules(t).map(rules -> {
                if (rules == null) {
                    return null;
                }
                SlaPolicy p = rules.policy();
                for (SlaClock c : list) {
                    if (p.id.equals(c.policyId) || c.state == State.MET || c.state == State.NONE) {
                        continue;
                    }
                    Integer seconds = switch (c.target) {
                        case FIRST_RESPONSE -> p.firstResponseSeconds;
                        case NEXT_REPLY -> p.nextReplySeconds;
                        case RESOLUTION -> p.resolutionSeconds;
                    };
                    boolean sameDay = c.target == Target.FIRST_RESPONSE && p.firstResponseSameDay;
                    if (seconds == null && !sameDay) {
                        continue; // the new policy has no such target: keep the old promise
                    }
                    c.policyId = p.id;
                    c.policyName = p.name;
                    c.targetSeconds = seconds != null ? seconds : 0;
                    c.business = switch (c.target) {
                        case FIRST_RESPONSE -> p.firstResponseBusiness;
                        case NEXT_REPLY -> p.nextReplyBusiness;
                        case RESOLUTION -> p.resolutionBusiness;
                    };
                    if (c.state == State.ACTIVE || c.state == State.BREACHED && c.fulfilledAt == null && c.runningSince != null) {
                        plan(c, rules, sameDay);
                    }
                    c.updatedAt = at;
                }
                return null;
            });
        }).replaceWithVoid();
    }

    /** The SLA status of tickets as people see it. */
    @WithSession
    public Uni<Map<UUID, SlaStatusDto>> statusOf(String tenant, Collection<UUID> ticketIds, Instant now) {
        if (ticketIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return clocks.ofTickets(tenant, ticketIds).flatMap(list -> calendars.calendar(tenant, null).flatMap(fallback -> {
            Map<UUID, BusinessCalendar> byPolicyCalendar = new HashMap<>();
            Uni<Void> load = Uni.createFrom().voidItem();
            for (UUID policyId : list.stream().map(c -> c.policyId).distinct().toList()) {
                load = load.flatMap(v -> Panache.getSession().flatMap(s -> s.find(SlaPolicy.class, policyId)).flatMap(p ->
                        calendars.calendar(tenant, p == null ? null : p.calendarId)).invoke(cal -> byPolicyCalendar.put(policyId, cal))
                        .replaceWithVoid());
            }
            return load.map(v -> {
                Map<UUID, Map<Target, SlaStatusDto.Target>> byTicket = new HashMap<>();
                for (SlaClock c : list) {
                    BusinessCalendar business = byPolicyCalendar.getOrDefault(c.policyId, fallback);
                    BusinessCalendar calendar = c.business ? business : BusinessCalendar.alwaysOpen(business.zone());
                    SlaStatusDto.Target status = status(c, calendar, now);
                    if (status != null) {
                        byTicket.computeIfAbsent(c.ticketId, k -> new EnumMap<>(Target.class)).put(c.target, status);
                    }
                }
                Map<UUID, SlaStatusDto> out = new HashMap<>();
                byTicket.forEach((id, m) -> out.put(id, new SlaStatusDto(m.get(Target.FIRST_RESPONSE), m.get(Target.NEXT_REPLY),
                        m.get(Target.RESOLUTION))));
                return out;
            });
        }));
    }

    static SlaStatusDto.Target status(SlaClock c, BusinessCalendar calendar, Instant now) {
        return switch (c.state) {
            case NONE -> null;
            case MET -> new SlaStatusDto.Target(c.policyName, c.dueAt, null, SlaStatusDto.State.MET);
            case PAUSED -> new SlaStatusDto.Target(c.policyName, null, Math.max(0, c.targetSeconds - c.usedSeconds),
                    SlaStatusDto.State.PAUSED);
            case BREACHED -> new SlaStatusDto.Target(c.policyName, c.dueAt,
                    c.dueAt == null ? null : -calendar.between(c.dueAt, c.fulfilledAt != null ? c.fulfilledAt : now).toSeconds(),
                    SlaStatusDto.State.BREACHED);
            case ACTIVE -> {
                if (c.dueAt != null && !now.isBefore(c.dueAt)) {
                    yield new SlaStatusDto.Target(c.policyName, c.dueAt, -calendar.between(c.dueAt, now).toSeconds(),
                            SlaStatusDto.State.BREACHED);
                }
                boolean warning = c.warnAt != null && !now.isBefore(c.warnAt);
                yield new SlaStatusDto.Target(c.policyName, c.dueAt, c.dueAt == null ? null : calendar.between(now, c.dueAt).toSeconds(),
                        warning ? SlaStatusDto.State.WARNING : SlaStatusDto.State.ACTIVE);
            }
        };
    }

    // ------------------------------------------------------------------ rules

    Uni<Rules> rules(Ticket t) {
        Uni<List<String>> customerTags = Panache.getSession().flatMap(s -> s.find(Customer.class, t.requesterId))
                .map(c -> c == null || c.tags == null ? List.<String> of() : Arrays.asList(c.tags));
        return customerTags.flatMap(tags -> policies.match(t.tenant, t, tags)).flatMap(p -> p == null ? Uni.createFrom().nullItem()
                : calendars.calendar(t.tenant, p.calendarId).map(cal -> new Rules(p, cal)));
    }

    private static SlaClock clock(UUID ticketId, String tenant, Target target, SlaPolicy p, Instant at) {
        SlaClock c = new SlaClock();
        c.ticketId = ticketId;
        c.tenant = tenant;
        c.target = target;
        c.policyId = p.id;
        c.policyName = p.name;
        c.state = State.ACTIVE;
        c.startedAt = c.runningSince = at;
        c.cycle = 1;
        c.updatedAt = at;
        return c;
    }

    /** Due and warning instants of a running clock, from where it runs with what it has used. */
    static void plan(SlaClock c, Rules rules, boolean sameBusinessDay) {
        BusinessCalendar calendar = rules.calendarOf(c.business);
        Instant from = c.runningSince != null ? c.runningSince : c.startedAt;
        if (sameBusinessDay) {
            c.dueAt = rules.business().closeOfBusinessDay(c.startedAt);
            long total = rules.business().between(c.startedAt, c.dueAt).toSeconds();
            c.warnAt = rules.business().add(c.startedAt, Duration.ofSeconds(total * rules.policy().warnAtPercent / 100));
            return;
        }
        long left = Math.max(0, c.targetSeconds - c.usedSeconds);
        long warnLeft = Math.max(0, c.targetSeconds * (long) rules.policy().warnAtPercent / 100 - c.usedSeconds);
        c.dueAt = calendar.add(from, Duration.ofSeconds(left));
        c.warnAt = calendar.add(from, Duration.ofSeconds(warnLeft));
    }

    private static void fulfil(SlaClock c, Instant at) {
        if (c == null || c.fulfilledAt != null || c.state == State.NONE || c.state == State.MET) {
            return;
        }
        c.fulfilledAt = at;
        c.state = c.breached || c.dueAt != null && at.isAfter(c.dueAt) ? State.BREACHED : State.MET;
        c.everBreached |= c.state == State.BREACHED;
        c.runningSince = null;
        c.updatedAt = at;
    }

    static Map<Target, SlaClock> byTarget(List<SlaClock> list) {
        Map<Target, SlaClock> map = new EnumMap<>(Target.class);
        list.forEach(c -> map.put(c.target, c));
        return map;
    }

    private Uni<Void> persist(Ticket t, SlaClock c) {
        return clocks.persist(c).invoke(() -> {
            if (t.knownClocks != null) {
                t.knownClocks.add(c);
            }
        }).replaceWithVoid();
    }
}
