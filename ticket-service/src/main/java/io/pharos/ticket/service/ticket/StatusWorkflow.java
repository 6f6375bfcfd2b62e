package io.pharos.ticket.service.ticket;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.pharos.commons.json.LowerCaseEnums;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.domain.TicketStatus;

/**
 * The transitions a help desk allows. NEW is only ever the first state; any open state may move
 * to another open state or to SOLVED; SOLVED reopens to OPEN (counted) or closes; CLOSED is
 * final — a customer writing again after that starts a follow-up ticket.
 */
public final class StatusWorkflow {

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = new EnumMap<>(TicketStatus.class);

    static {
        ALLOWED.put(TicketStatus.NEW, EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED));
        ALLOWED.put(TicketStatus.OPEN, EnumSet.of(TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED));
        ALLOWED.put(TicketStatus.PENDING, EnumSet.of(TicketStatus.OPEN, TicketStatus.ON_HOLD, TicketStatus.SOLVED));
        ALLOWED.put(TicketStatus.ON_HOLD, EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED));
        ALLOWED.put(TicketStatus.SOLVED, EnumSet.of(TicketStatus.OPEN, TicketStatus.CLOSED));
        ALLOWED.put(TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));
    }

    private StatusWorkflow() {
    }

    public static boolean allowed(TicketStatus from, TicketStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Refuses a transition the workflow does not allow with a 409 naming the allowed ones. */
    public static void check(TicketStatus from, TicketStatus to) {
        if (from != to && !allowed(from, to)) {
            throw new ProblemException(409, "invalid-status-transition", "Status change not allowed",
                    "A " + LowerCaseEnums.wire(from) + " ticket cannot become " + LowerCaseEnums.wire(to)
                            + "; allowed: " + ALLOWED.get(from).stream().map(LowerCaseEnums::wire).toList());
        }
    }

    /** Whether a transition reopens a solved ticket (it counts in the reopen rate). */
    public static boolean isReopen(TicketStatus from, TicketStatus to) {
        return from == TicketStatus.SOLVED && to == TicketStatus.OPEN;
    }

    public static boolean isOpenState(TicketStatus status) {
        return status != TicketStatus.SOLVED && status != TicketStatus.CLOSED;
    }
}
