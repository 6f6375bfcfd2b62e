package io.pharos.ticket.service.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.SlaClock.Target;
import io.pharos.ticket.domain.TicketStatus;

/**
 * A ticket's SLA clocks replayed from its timeline, without the database: started at creation,
 * then each step applied in order by the same rules a live ticket follows ({@link SlaClocks}), and
 * before each step (and at the end, at {@code now}) settled as {@link SlaMonitor} would have settled
 * them by then — warned and breached at their own instants, silently. The result is the clocks a
 * live ticket with this history would have; none of them is left for the monitor to signal.
 */
public final class SlaReplay {

    enum Kind {
        AGENT_REPLY, CUSTOMER_MESSAGE, STATUS
    }

    /** One step of the timeline: a public agent reply, a customer's message, or a status change. */
    public record Step(Instant at, Kind kind, TicketStatus before, TicketStatus after) {

        static Step reply(Instant at) {
            return new Step(at, Kind.AGENT_REPLY, null, null);
        }

        static Step customer(Instant at) {
            return new Step(at, Kind.CUSTOMER_MESSAGE, null, null);
        }

        static Step status(Instant at, TicketStatus before, TicketStatus after) {
            return new Step(at, Kind.STATUS, before, after);
        }
    }

    private SlaReplay() {
    }

    /**
     * The clocks of a ticket created at {@code createdAt} ({@code proactive}: an agent opened it, so no
     * first response is owed) after {@code steps}, in their given order, as they stand at {@code now}.
     */
    static List<SlaClock> replay(UUID ticketId, String tenant, SlaClocks.Rules rules, boolean proactive, Instant createdAt,
            List<Step> steps, Instant now) {
        List<SlaClock> clocks = new ArrayList<>(SlaClocks.start(ticketId, tenant, rules, proactive, createdAt));
        Map<Target, SlaClock> byTarget = SlaClocks.byTarget(clocks);
        boolean replied = false;
        for (Step step : steps) {
            SlaClocks.settle(byTarget.values(), step.at(), false);
            switch (step.kind()) {
                case AGENT_REPLY -> {
                    replied = true;
                    SlaClocks.replied(byTarget, step.at());
                }
                case CUSTOMER_MESSAGE -> {
                    if (!byTarget.isEmpty() && SlaClocks.startsNextReply(byTarget, replied)) {
                        SlaClock c = SlaClocks.nextReply(byTarget.get(Target.NEXT_REPLY), ticketId, tenant, rules, step.at());
                        if (c != null) {
                            byTarget.put(Target.NEXT_REPLY, c);
                        }
                    }
                }
                case STATUS -> SlaClocks.statusChanged(byTarget, rules, step.before(), step.after(), step.at());
            }
        }
        SlaClocks.settle(byTarget.values(), now, true);
        return byTarget.values().stream().sorted(Comparator.comparing((SlaClock c) -> c.target)).toList();
    }
}
