package io.pharos.ticket.service.sla;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.time.BusinessCalendar;
import io.pharos.ticket.api.ReplyEstimate;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The honest answer to "when will someone reply?", from the first-response target that would apply. */
@ApplicationScoped
public class ReplyEstimates {

    private final SlaPolicyService policies;
    private final CalendarService calendars;

    public ReplyEstimates(SlaPolicyService policies, CalendarService calendars) {
        this.policies = policies;
        this.calendars = calendars;
    }

    // a transaction: the first question of a tenant creates its default calendar and policies
    @WithTransaction
    public Uni<ReplyEstimate> estimate(String tenant, Channel channel, Priority priority, Instant at) {
        return policies.match(tenant, channel, priority).flatMap(p -> {
            if (p == null || (p.firstResponseSeconds == null && !p.firstResponseSameDay)) {
                return calendars.calendar(tenant, null)
                        .map(cal -> new ReplyEstimate(null, null, null, true, cal.isOpen(at), cal.zone().getId()));
            }
            return calendars.calendar(tenant, p.calendarId).map(cal -> {
                BusinessCalendar counted = p.firstResponseBusiness ? cal : BusinessCalendar.alwaysOpen(cal.zone());
                Instant due = p.firstResponseSameDay ? cal.closeOfBusinessDay(at)
                        : counted.add(at, Duration.ofSeconds(p.firstResponseSeconds));
                return new ReplyEstimate(p.name, due, p.firstResponseSeconds == null ? null : p.firstResponseSeconds / 60L,
                        p.firstResponseBusiness, cal.isOpen(at), cal.zone().getId());
            });
        });
    }
}
