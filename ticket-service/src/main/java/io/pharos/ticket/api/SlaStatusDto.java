package io.pharos.ticket.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Name;

/** Where each SLA target of a ticket stands; a target the ticket has no clock for is null. */
@Name("SlaStatus")
public record SlaStatusDto(Target firstResponse, Target nextReply, Target resolution) {

    @Name("SlaState")
    public enum State {
        ACTIVE, PAUSED, MET, WARNING, BREACHED
    }

    /**
     * {@code remainingBusinessSeconds}: business (or, for calendar-time targets, calendar) seconds
     * left until due; negative once overdue; for a paused clock, what is left of the target; null
     * once met.
     */
    @Name("SlaTarget")
    public record Target(String policy, Instant dueAt, Long remainingBusinessSeconds, State state) {
    }
}
