package io.pharos.contracts.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.ticket.assigned}: someone assigned the ticket by hand, or routing handed it to an
 * online agent ({@code routed}).
 *
 * @param slaClocks absent when routing assigned the ticket
 * @param assigneeId the assignee's user id; the text {@code "null"} when an agent unassigned the ticket
 * @param team the team; the text {@code "null"} when an agent removed it
 * @param routed true when routing chose the agent; absent for assignments by hand
 */
public record TicketAssigned(TicketSnapshot ticket, @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) List<SlaClockSnapshot> slaClocks,
        String assigneeId, String team, @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Boolean routed) implements TicketEvent {
}
