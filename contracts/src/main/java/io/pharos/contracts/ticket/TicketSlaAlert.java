package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.ticket.sla.warning} (a running clock reached its policy's warning share) and
 * {@code pharos.ticket.sla.breached} (it passed its due instant): once per ticket, target and cycle.
 *
 * @param escalation what the breach changed on the ticket; absent on warnings and without a policy
 * @param slaClocks the clock this is about, as it stands now
 */
public record TicketSlaAlert(TicketSnapshot ticket, Clock sla, @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Escalation escalation,
        List<SlaClockSnapshot> slaClocks) implements TicketEvent {

    /**
     * The clock the alert is about.
     *
     * @param policy the policy's name
     * @param cycle counts the clock's restarts (next reply: one cycle per customer message)
     * @param businessHours whether the target counts business hours only
     */
    public record Clock(SlaTarget target, UUID policyId, String policy, int cycle, Instant startedAt, @Nullable Instant dueAt,
            @Nullable Instant warnAt, int targetSeconds, boolean businessHours) {
    }

    /**
     * What a breach did, per its policy.
     *
     * @param priority raised one level; absent when the policy does not raise it or it was urgent
     * @param team moved to the policy's team; absent when it does not move it
     */
    public record Escalation(@Nullable @JsonInclude(JsonInclude.Include.NON_NULL) PriorityChange priority,
            @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) TeamChange team, boolean notifySupervisors) {
    }

    public record PriorityChange(Priority from, Priority to) {
    }

    /** @param from the team before; the text {@code "null"} when the ticket had none */
    public record TeamChange(String from, String to) {
    }
}
