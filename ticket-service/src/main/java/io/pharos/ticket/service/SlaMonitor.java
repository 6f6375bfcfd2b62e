package io.pharos.ticket.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
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
                        chain = chain.flatMap(v -> event(t, c, "pharos.ticket.sla.warning", null));
                    }
                    if (!c.breached && c.dueAt != null && !now.isBefore(c.dueAt)) {
                        c.breached = c.everBreached = true;
                        c.state = SlaClock.State.BREACHED;
                        Map<String, Object> escalation = policy == null ? null : escalate(t, policy, now);
                        chain = chain.flatMap(v -> event(t, c, "pharos.ticket.sla.breached", escalation));
                    }
                    c.updatedAt = now;
                    return chain;
                })));
    }

    /** What a breach changes on the ticket, per its policy; recorded in the breach event. */
    private static Map<String, Object> escalate(Ticket t, SlaPolicy policy, Instant now) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        if (policy.escalatePriority && t.priority != Priority.URGENT) {
            Priority raised = Priority.values()[t.priority.ordinal() + 1];
            escalation.put("priority", Map.of("from", t.priority, "to", raised));
            t.priority = raised;
        }
        if (policy.escalateTeam != null && !policy.escalateTeam.equals(t.team)) {
            escalation.put("team", Map.of("from", String.valueOf(t.team), "to", policy.escalateTeam));
            t.team = policy.escalateTeam;
            t.assigneeId = null;
        }
        escalation.put("notifySupervisors", policy.notifySupervisors);
        if (escalation.size() > 1) {
            t.updatedAt = now;
        }
        return escalation;
    }

    private Uni<Void> event(Ticket t, SlaClock c, String type, Map<String, Object> escalation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticket", EventData.ticket(t));
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("target", c.target.name().toLowerCase());
        sla.put("policyId", c.policyId.toString());
        sla.put("policy", c.policyName);
        sla.put("cycle", c.cycle);
        sla.put("startedAt", c.startedAt);
        sla.put("dueAt", c.dueAt);
        sla.put("warnAt", c.warnAt);
        sla.put("targetSeconds", c.targetSeconds);
        sla.put("businessHours", c.business);
        data.put("sla", sla);
        if (escalation != null) {
            data.put("escalation", escalation);
        }
        data.put("slaClocks", List.of(EventData.slaClock(c))); // the clock this is about, as it stands now
        return outbox.append(t.tenant, Topics.TICKET_EVENTS, type, t.id.toString(), data).replaceWithVoid();
    }
}
