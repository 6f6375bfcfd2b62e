package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Channel;
import io.pharos.contracts.Nullable;

/** {@code pharos.sla.policy.updated}: an SLA policy was created, changed or deleted. */
public record SlaPolicyUpdated(Policy policy, boolean deleted) {

    /**
     * Conditions (empty: any) and targets; the first enabled matching policy by position applies.
     *
     * @param calendarId the business hours it counts in; the default calendar when null
     * @param warnAtPercent share of a target elapsed when the clock warns
     */
    public record Policy(UUID id, String name, int position, boolean enabled, List<Priority> priorities, List<Channel> channels,
            List<String> tags, List<String> customerTags, @Nullable UUID calendarId, @Nullable Target firstResponse,
            @Nullable Target nextReply, @Nullable Target resolution, int warnAtPercent, Escalation escalation, Instant createdAt,
            Instant updatedAt) {
    }

    /** @param sameBusinessDay due at the close of the business day the ticket arrives in; then {@code minutes} may be null */
    public record Target(@Nullable Integer minutes, boolean businessHours, boolean sameBusinessDay) {
    }

    /** @param team the team a breached ticket moves to; null: it stays */
    public record Escalation(boolean raisePriority, @Nullable String team, boolean notifySupervisors) {
    }
}
