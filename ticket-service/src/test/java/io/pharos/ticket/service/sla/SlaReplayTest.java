package io.pharos.ticket.service.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pharos.commons.time.BusinessCalendar;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.SlaClock.State;
import io.pharos.ticket.domain.SlaClock.Target;
import io.pharos.ticket.domain.SlaPolicy;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.service.sla.SlaReplay.Step;

/**
 * The replay of SLA clocks from a timeline, by hand: an Athens office open Monday to Friday
 * 09:00–17:00 with 25 March (a Wednesday in 2026) a holiday; first response within 2 business
 * hours, next reply within 1, resolution within 8, warning at 75 %. March 2026: the 6th is a Friday,
 * summer time starts on Sunday the 29th (03:00 becomes 04:00).
 */
class SlaReplayTest {

    static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    static final BusinessCalendar OFFICE = BusinessCalendar.weekly(ATHENS,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            List.of(new BusinessCalendar.Holiday(LocalDate.of(2026, 3, 25), false, "Independence Day")));
    static final Instant LATER = athens("2026-06-01T12:00");

    static Instant athens(String local) {
        return LocalDateTime.parse(local).atZone(ATHENS).toInstant();
    }

    static SlaClocks.Rules rules(boolean business) {
        SlaPolicy p = new SlaPolicy();
        p.id = UUID.randomUUID();
        p.name = "Office";
        p.firstResponseSeconds = 2 * 3600;
        p.nextReplySeconds = 3600;
        p.resolutionSeconds = 8 * 3600;
        p.firstResponseBusiness = p.nextReplyBusiness = p.resolutionBusiness = business;
        p.warnAtPercent = 75;
        return new SlaClocks.Rules(p, OFFICE);
    }

    static Map<Target, SlaClock> replay(String created, Instant now, Step... steps) {
        return replay(rules(true), false, created, now, steps);
    }

    static Map<Target, SlaClock> replay(SlaClocks.Rules rules, boolean proactive, String created, Instant now, Step... steps) {
        List<SlaClock> clocks = SlaReplay.replay(UUID.randomUUID(), "acme", rules, proactive, athens(created), List.of(steps), now);
        // nothing is left for the monitor: no running clock is past its warning or due instant
        assertThat(clocks).noneMatch(c -> c.state == State.ACTIVE
                && (!c.warned && !c.warnAt.isAfter(now) || !c.breached && !c.dueAt.isAfter(now)));
        return clocks.stream().collect(Collectors.toMap(c -> c.target, c -> c));
    }

    static Step reply(String at) {
        return Step.reply(athens(at));
    }

    static Step customer(String at) {
        return Step.customer(athens(at));
    }

    static Step status(String at, TicketStatus before, TicketStatus after) {
        return Step.status(athens(at), before, after);
    }

    @Test
    void aReplyBeforeTheDueInstantMeetsTheFirstResponse() {
        Map<Target, SlaClock> c = replay("2026-03-09T09:00", LATER, reply("2026-03-09T10:00"),
                status("2026-03-09T10:00", TicketStatus.NEW, TicketStatus.OPEN), status("2026-03-09T12:00", TicketStatus.OPEN, TicketStatus.SOLVED));
        SlaClock first = c.get(Target.FIRST_RESPONSE);
        assertThat(first.state).isEqualTo(State.MET);
        assertThat(first.dueAt).isEqualTo(athens("2026-03-09T11:00"));
        assertThat(first.fulfilledAt).isEqualTo(athens("2026-03-09T10:00"));
        assertThat(first.warned).isFalse(); // warned at 10:30, answered at 10:00
        assertThat(first.everBreached).isFalse();
        SlaClock resolution = c.get(Target.RESOLUTION);
        assertThat(resolution.state).isEqualTo(State.MET);
        assertThat(resolution.usedSeconds).isEqualTo(3 * 3600);
        assertThat(resolution.fulfilledAt).isEqualTo(athens("2026-03-09T12:00"));
    }

    @Test
    void aReplyExactlyAtTheDueInstantIsMet() {
        assertThat(replay("2026-03-09T09:00", LATER, reply("2026-03-09T11:00")).get(Target.FIRST_RESPONSE).state).isEqualTo(State.MET);
    }

    @Test
    void aLateReplyBreachesTheFirstResponseAtItsDueInstant() {
        SlaClock first = replay("2026-03-09T09:00", LATER, reply("2026-03-09T12:00")).get(Target.FIRST_RESPONSE);
        assertThat(first.state).isEqualTo(State.BREACHED);
        assertThat(first.warned).isTrue();
        assertThat(first.breached).isTrue();
        assertThat(first.everBreached).isTrue();
        assertThat(first.dueAt).isEqualTo(athens("2026-03-09T11:00"));
        assertThat(first.fulfilledAt).isEqualTo(athens("2026-03-09T12:00"));
    }

    @Test
    void solvedWithoutAReplyHasNoFirstResponseOutcomeBeforeItsDueInstantAndABreachAfter() {
        SlaClock early = replay("2026-03-09T09:00", LATER, status("2026-03-09T10:00", TicketStatus.NEW, TicketStatus.SOLVED))
                .get(Target.FIRST_RESPONSE);
        assertThat(early.state).isEqualTo(State.NONE);
        assertThat(early.everBreached).isFalse();
        SlaClock late = replay("2026-03-09T09:00", LATER, status("2026-03-09T12:00", TicketStatus.NEW, TicketStatus.SOLVED))
                .get(Target.FIRST_RESPONSE);
        assertThat(late.state).isEqualTo(State.BREACHED);
        assertThat(late.everBreached).isTrue();
        assertThat(late.dueAt).isEqualTo(athens("2026-03-09T11:00"));
    }

    @Test
    void pendingOverAWeekendPausesTheResolutionClock() {
        Map<Target, SlaClock> c = replay("2026-03-06T15:00", LATER, reply("2026-03-06T15:30"),
                status("2026-03-06T15:30", TicketStatus.NEW, TicketStatus.OPEN),
                status("2026-03-06T16:00", TicketStatus.OPEN, TicketStatus.PENDING), // 1 h used
                customer("2026-03-09T10:00"), status("2026-03-09T10:00", TicketStatus.PENDING, TicketStatus.OPEN), // 7 h left: due 17:00
                status("2026-03-09T16:00", TicketStatus.OPEN, TicketStatus.SOLVED));
        SlaClock resolution = c.get(Target.RESOLUTION);
        assertThat(resolution.state).isEqualTo(State.MET);
        assertThat(resolution.usedSeconds).isEqualTo(7 * 3600);
        assertThat(resolution.everBreached).isFalse();
        // without the pause it would have been due on Monday at 15:00 and breached
        SlaClock next = c.get(Target.NEXT_REPLY); // the customer's message on Monday waited for a reply due at 11:00
        assertThat(next.state).isEqualTo(State.BREACHED);
        assertThat(next.dueAt).isEqualTo(athens("2026-03-09T11:00"));
        assertThat(next.fulfilledAt).isNull();
    }

    @Test
    void aReopenResumesWithTheTimeUsedAndTheBreachKeepsItsDueInstant() {
        Map<Target, SlaClock> c = replay("2026-03-09T09:00", LATER, reply("2026-03-09T09:30"),
                status("2026-03-09T09:30", TicketStatus.NEW, TicketStatus.OPEN),
                status("2026-03-09T11:00", TicketStatus.OPEN, TicketStatus.SOLVED), // 2 h used: met for now
                customer("2026-03-10T09:00"), status("2026-03-10T09:00", TicketStatus.SOLVED, TicketStatus.OPEN), // 6 h left: due 15:00
                reply("2026-03-10T09:20"),
                status("2026-03-10T17:00", TicketStatus.OPEN, TicketStatus.SOLVED));
        SlaClock resolution = c.get(Target.RESOLUTION);
        assertThat(resolution.state).isEqualTo(State.BREACHED);
        assertThat(resolution.everBreached).isTrue();
        assertThat(resolution.dueAt).isEqualTo(athens("2026-03-10T15:00"));
        assertThat(resolution.fulfilledAt).isEqualTo(athens("2026-03-10T17:00"));
        assertThat(resolution.usedSeconds).isEqualTo(10 * 3600);
        SlaClock next = c.get(Target.NEXT_REPLY);
        assertThat(next.state).isEqualTo(State.MET);
        assertThat(next.fulfilledAt).isEqualTo(athens("2026-03-10T09:20"));
    }

    @Test
    void aHolidayIsNotBusinessTime() {
        SlaClock first = replay("2026-03-24T16:00", LATER, reply("2026-03-26T09:30")).get(Target.FIRST_RESPONSE);
        // 1 h on Tuesday, nothing on the Wednesday holiday, 1 h on Thursday
        assertThat(first.dueAt).isEqualTo(athens("2026-03-26T10:00"));
        assertThat(first.state).isEqualTo(State.MET);
    }

    @Test
    void summerTimeShortensTheNightButNotTheBusinessHours() {
        // calendar time: Saturday 22:00 (UTC+2) to Sunday 06:30 (UTC+3) is 7.5 h, not the 8.5 h the wall clock shows
        SlaClock calendar = replay(rules(false), false, "2026-03-28T22:00", LATER, reply("2026-03-28T23:00"),
                status("2026-03-29T06:30", TicketStatus.OPEN, TicketStatus.SOLVED)).get(Target.RESOLUTION);
        assertThat(calendar.usedSeconds).isEqualTo(7 * 3600 + 1800);
        assertThat(calendar.state).isEqualTo(State.MET);
        SlaClock lateFirst = replay(rules(false), false, "2026-03-29T02:00", LATER, reply("2026-03-29T05:30")).get(Target.FIRST_RESPONSE);
        // 02:00 UTC+2 is 00:00Z; 2 h later is 02:00Z, which is 05:00 in summer time (03:00 never happened)
        assertThat(lateFirst.dueAt).isEqualTo(athens("2026-03-29T05:00"));
        assertThat(lateFirst.state).isEqualTo(State.BREACHED);
        // business time: Friday 16:00 plus 2 business hours is Monday 10:00 summer time
        SlaClock business = replay("2026-03-27T16:00", LATER, reply("2026-03-30T09:59")).get(Target.FIRST_RESPONSE);
        assertThat(business.dueAt).isEqualTo(athens("2026-03-30T10:00"));
        assertThat(business.state).isEqualTo(State.MET);
    }

    @Test
    void anUnansweredTicketIsSettledAtTheEndAndAProactiveOneOwesNoFirstResponse() {
        Map<Target, SlaClock> c = replay("2026-03-09T09:00", LATER);
        assertThat(c.get(Target.FIRST_RESPONSE).state).isEqualTo(State.BREACHED);
        assertThat(c.get(Target.FIRST_RESPONSE).warned).isTrue();
        assertThat(c.get(Target.RESOLUTION).state).isEqualTo(State.BREACHED);
        assertThat(c.get(Target.RESOLUTION).dueAt).isEqualTo(athens("2026-03-09T17:00"));
        Map<Target, SlaClock> open = replay("2026-03-09T09:00", athens("2026-03-09T10:45"));
        assertThat(open.get(Target.FIRST_RESPONSE).state).isEqualTo(State.ACTIVE);
        assertThat(open.get(Target.FIRST_RESPONSE).warned).isTrue(); // the monitor takes it from here: the breach is live
        assertThat(replay(rules(true), true, "2026-03-09T09:00", LATER, reply("2026-03-09T09:00"))).doesNotContainKey(Target.FIRST_RESPONSE);
    }
}
