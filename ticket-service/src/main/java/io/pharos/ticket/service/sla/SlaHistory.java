package io.pharos.ticket.service.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketUpdated;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.SlaClock.Target;
import io.pharos.ticket.domain.SlaPolicy;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.SlaClockRepository;
import io.pharos.ticket.service.TimeSource;
import io.smallrye.mutiny.Uni;

/**
 * SLA clocks of history: an imported ticket's replayed from the timeline its import recorded, and any
 * ticket's rebuilt when a calendar or policy changed. Both replay the same recorded steps with
 * {@link SlaReplay} under the definitions in force now, so a recomputation gives exactly what a fresh
 * import would. Runs in the caller's transaction; the result travels in one {@code pharos.ticket.updated}.
 */
@ApplicationScoped
public class SlaHistory {

    private final SlaClocks sla;
    private final SlaTimeline timeline;
    private final SlaClockRepository clocks;
    private final SlaPolicyService policies;
    private final CalendarService calendars;
    private final OutboxWriter outbox;
    private final TimeSource time;

    public SlaHistory(SlaClocks sla, SlaTimeline timeline, SlaClockRepository clocks, SlaPolicyService policies, CalendarService calendars,
            OutboxWriter outbox, TimeSource time) {
        this.time = time;
        this.sla = sla;
        this.timeline = timeline;
        this.clocks = clocks;
        this.policies = policies;
        this.calendars = calendars;
        this.outbox = outbox;
    }

    /** The policy an import line names must exist (422 otherwise); null names none. */
    public Uni<Void> checkPolicy(String tenant, String name) {
        if (name == null) {
            return Uni.createFrom().voidItem();
        }
        return named(tenant, name).flatMap(p -> p != null ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.unprocessable("unknown-sla-policy", "No SLA policy is named " + name)));
    }

    /**
     * An imported ticket, its steps applied: its clocks replayed (under the policy the line named, or
     * the one that matches) and published. The replay ends now: what was due by then is settled.
     */
    public Uni<Void> imported(Ticket t, String policyName) {
        Instant now = time.now();
        Uni<Void> start = policyName == null ? Uni.createFrom().voidItem() : timeline.started(t, policyName, t.createdAt);
        return start.flatMap(v -> replayed(t, now, false)).flatMap(list -> publish(t, list));
    }

    /**
     * A ticket's clocks rebuilt from its recorded timeline under today's calendars and policies, and
     * published; the clocks carry {@code now} as their update time, so that consumers take them over
     * what they had. Fails for a ticket whose history predates the recorded timeline.
     */
    public Uni<Void> recomputed(Ticket t, Instant now) {
        return replayed(t, now, true).flatMap(list -> publish(t, list));
    }

    private Uni<List<SlaClock>> replayed(Ticket t, Instant now, boolean stamp) {
        return timeline.of(t.id).flatMap(tl -> {
            if (tl.steps().isEmpty() && (t.firstPublicReplyAt != null || t.status != TicketStatus.NEW)) {
                return Uni.createFrom().failure(new IllegalStateException("ticket " + t.id + " has no recorded SLA timeline"));
            }
            return rules(t, tl.policyName()).flatMap(rules -> sla.of(t).map(List::copyOf).flatMap(existing -> {
                List<SlaClock> replayed = rules == null ? List.of()
                        : SlaReplay.replay(t.id, t.tenant, rules, t.openedBy == AuthorKind.AGENT, t.createdAt, tl.steps(), now);
                Map<Target, SlaClock> old = SlaClocks.byTarget(existing);
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (SlaClock c : replayed) {
                    if (stamp) {
                        c.updatedAt = now;
                    }
                    SlaClock kept = old.remove(c.target);
                    if (kept != null) {
                        copy(c, kept); // the row stays: the session may already manage it
                    } else {
                        chain = chain.flatMap(v -> clocks.persist(c).replaceWithVoid());
                    }
                }
                for (SlaClock gone : old.values()) {
                    chain = chain.flatMap(v -> clocks.delete(gone));
                }
                // kept rows are the session's instances, not the replayed ones: read them again when next asked
                return chain.invoke(() -> SlaClocks.forget(t)).replaceWith(replayed);
            }));
        });
    }

    private Uni<SlaClocks.Rules> rules(Ticket t, String policyName) {
        if (policyName == null) {
            return sla.rules(t);
        }
        // the policy the import named, while it exists; otherwise the one that matches now
        return named(t.tenant, policyName).flatMap(p -> p == null ? sla.rules(t)
                : calendars.calendar(t.tenant, p.calendarId).map(cal -> new SlaClocks.Rules(p, cal)));
    }

    private Uni<SlaPolicy> named(String tenant, String name) {
        return policies.ofTenant(tenant).map(list -> list.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null));
    }

    private Uni<Void> publish(Ticket t, List<SlaClock> list) {
        List<SlaClockSnapshot> snapshots = list.stream().map(EventData::slaClock).toList();
        return outbox.append(t.tenant, TicketEvents.TICKET_UPDATED, t.id.toString(),
                new TicketUpdated(EventData.ticket(t), snapshots, new TicketUpdated.Changes(null, null, null, null))).replaceWithVoid();
    }

    private static void copy(SlaClock from, SlaClock to) {
        to.policyId = from.policyId;
        to.policyName = from.policyName;
        to.targetSeconds = from.targetSeconds;
        to.business = from.business;
        to.state = from.state;
        to.usedSeconds = from.usedSeconds;
        to.runningSince = from.runningSince;
        to.startedAt = from.startedAt;
        to.dueAt = from.dueAt;
        to.warnAt = from.warnAt;
        to.fulfilledAt = from.fulfilledAt;
        to.cycle = from.cycle;
        to.warned = from.warned;
        to.breached = from.breached;
        to.everBreached = from.everBreached;
        to.updatedAt = from.updatedAt;
    }
}
