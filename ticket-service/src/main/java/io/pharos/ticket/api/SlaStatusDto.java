package io.pharos.ticket.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** Where each SLA target of a ticket stands; a target the ticket has no clock for is null. */
@Name("SlaStatus")
@Description("A ticket's SLA clocks: first response, next reply and resolution")
public record SlaStatusDto(
        @Description("Clock of the first public reply") Target firstResponse,
        @Description("Clock of the reply now awaited") Target nextReply,
        @Description("Clock of the solve") Target resolution) {

    @Name("SlaState")
    @Description("Where an SLA clock stands: ACTIVE, WARNING (near its target), PAUSED (waiting on the customer), MET or BREACHED")
    public enum State {
        ACTIVE, PAUSED, MET, WARNING, BREACHED
    }

    /**
     * {@code remainingBusinessSeconds}: business (or, for calendar-time targets, calendar) seconds
     * left until due; negative once overdue; for a paused clock, what is left of the target; null
     * once met.
     */
    @Name("SlaTarget")
    @Description("One SLA clock of a ticket: its due time, state and business time left")
    public record Target(
            @Description("The policy the clock follows") String policy,
            Instant dueAt,
            @Description("Seconds left until due (business seconds for business-hours targets); negative once overdue; what is left of the target while paused; null once met") Long remainingBusinessSeconds,
            @Description("Where the clock stands") State state) {
    }
}
