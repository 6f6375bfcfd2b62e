package io.pharos.ticket.service.sla;

import io.pharos.ticket.service.TimeSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.SlaTarget;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketSlaAlert;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.SlaPolicy;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.SlaClockRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Fires {@code pharos.ticket.sla.warning} when a running clock reaches its policy's warning share
 * and {@code pharos.ticket.sla.breached} when it passes its due instant — each once per ticket,
 * target and cycle: a pass locks its clocks with {@code FOR UPDATE SKIP LOCKED} (another replica
 * skips them) and marks them in the same transaction that writes the events to the outbox. A
 * breach escalates as the policy says (priority up one level, another team, supervisors notified
 * through the event).
 */
@ApplicationScoped
public class SlaMonitor {

    private static final Logger LOG = Logger.getLogger(SlaMonitor.class);
    static final int BATCH = 500;

    private final SlaClockRepository clocks;
    private final OutboxWriter outbox;
    private final TimeSource time;
    private final AtomicBoolean paused = new AtomicBoolean();

    public SlaMonitor(SlaClockRepository clocks, OutboxWriter outbox, TimeSource time) {
        this.clocks = clocks;
        this.outbox = outbox;
        this.time = time;
    }

    @Scheduled(every = "${pharos.sla.check-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return paused.get() ? Uni.createFrom().voidItem()
                : check().flatMap(n -> n >= BATCH ? tick() : Uni.createFrom().voidItem())
                        .onFailure().invoke(e -> LOG.warn("SLA check failed; the next pass retries", e)).onFailure().recoverWithNull();
    }

    /** Stops the scheduled passes (tests drive {@link #check()} themselves). */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /** One pass over the clocks that are due for a warning or a breach; answers how many it handled. */
    @WithTransaction
    public Uni<Integer> check() {
        Instant now = time.now();
        return clocks.lockDue(now, BATCH).flatMap(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SlaClock c : due) {
                chain = chain.flatMap(v -> signal(c, now));
            }
            return chain.replaceWith(due.size());
        });
    }

    private Uni<Void> signal(SlaClock c, Instant now) {
        return Panache.getSession().flatMap(s -> s.find(Ticket.class, c.ticketId).flatMap(t -> s.find(SlaPolicy.class, c.policyId)
                .flatMap(policy -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    if (!c.warned && c.warnAt != null && !now.isBefore(c.warnAt)) {
                        c.warned = true;
                        chain = chain.flatMap(v -> event(t, c, TicketEvents.TICKET_SLA_WARNING, null));
                    }
                    if (!c.breached && c.dueAt != null && !now.isBefore(c.dueAt)) {
                        c.breached = c.everBreached = true;
                        c.state = SlaClock.State.BREACHED;
                        TicketSlaAlert.Escalation escalation = policy == null ? null : escalate(t, policy, now);
                        chain = chain.flatMap(v -> event(t, c, TicketEvents.TICKET_SLA_BREACHED, escalation));
                    }
                    c.updatedAt = now;
                    return chain;
                })));
    }

    /** What a breach changes on the ticket, per its policy; recorded in the breach event. */
    private static TicketSlaAlert.Escalation escalate(Ticket t, SlaPolicy policy, Instant now) {
        TicketSlaAlert.PriorityChange priority = null;
        TicketSlaAlert.TeamChange team = null;
        if (policy.escalatePriority && t.priority != Priority.URGENT) {
            Priority raised = Priority.values()[t.priority.ordinal() + 1];
            priority = new TicketSlaAlert.PriorityChange(EventData.priority(t.priority), EventData.priority(raised));
            t.priority = raised;
        }
        if (policy.escalateTeam != null && !policy.escalateTeam.equals(t.team)) {
            // String.valueOf: a ticket without a team has always travelled as the text "null"
            team = new TicketSlaAlert.TeamChange(String.valueOf(t.team), policy.escalateTeam);
            t.team = policy.escalateTeam;
            t.assigneeId = null;
        }
        if (priority != null || team != null) {
            t.updatedAt = now;
        }
        return new TicketSlaAlert.Escalation(priority, team, policy.notifySupervisors);
    }

    private Uni<Void> event(Ticket t, SlaClock c, EventType<TicketSlaAlert> type, TicketSlaAlert.Escalation escalation) {
        TicketSlaAlert.Clock sla = new TicketSlaAlert.Clock(SlaTarget.valueOf(c.target.name()), c.policyId, c.policyName, c.cycle,
                c.startedAt, c.dueAt, c.warnAt, c.targetSeconds, c.business);
        // the clock this is about, as it stands now
        TicketSlaAlert alert = new TicketSlaAlert(EventData.ticket(t), sla, escalation, List.of(EventData.slaClock(c)));
        return outbox.append(t.tenant, type, t.id.toString(), alert).replaceWithVoid();
    }
}
