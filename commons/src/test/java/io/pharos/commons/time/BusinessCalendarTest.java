package io.pharos.commons.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.pharos.commons.time.BusinessCalendar.Holiday;
import io.pharos.commons.time.BusinessCalendar.OpeningInterval;

class BusinessCalendarTest {

    static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static BusinessCalendar officeHours(ZoneId zone, Holiday... holidays) {
        return BusinessCalendar.weekly(zone, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), List.of(holidays));
    }

    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static ZonedDateTime local(ZoneId zone, Instant instant) {
        return instant.atZone(zone);
    }

    @Nested
    class Weekends {

        @Test
        void fridayAfternoonPlusTwoHoursIsMondayMorning() {
            BusinessCalendar athens = officeHours(ATHENS);
            Instant due = athens.add(at(ATHENS, "2026-03-06T16:30"), Duration.ofHours(2));
            assertThat(local(ATHENS, due).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-09T10:30"));
        }

        @Test
        void aWeekendCountsNothing() {
            BusinessCalendar athens = officeHours(ATHENS);
            assertThat(athens.between(at(ATHENS, "2026-03-06T17:00"), at(ATHENS, "2026-03-09T09:00"))).isZero();
            assertThat(athens.between(at(ATHENS, "2026-03-06T16:00"), at(ATHENS, "2026-03-09T10:00"))).isEqualTo(Duration.ofHours(2));
        }

        @Test
        void startingOutsideHoursCountsFromTheNextOpening() {
            BusinessCalendar athens = officeHours(ATHENS);
            Instant saturday = at(ATHENS, "2026-03-07T11:00");
            assertThat(local(ATHENS, athens.add(saturday, Duration.ofMinutes(30))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-09T09:30"));
        }

        @Test
        void aTargetReachedAtClosingIsDueAtClosing() {
            BusinessCalendar athens = officeHours(ATHENS);
            assertThat(local(ATHENS, athens.add(at(ATHENS, "2026-03-09T09:00"), Duration.ofHours(8))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-09T17:00"));
            assertThat(local(ATHENS, athens.add(at(ATHENS, "2026-03-09T09:00"), Duration.ofHours(8).plusSeconds(1))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-10T09:00:01"));
        }

        @Test
        void zeroIsDueAtOnceAndNegativeIsRefused() {
            BusinessCalendar athens = officeHours(ATHENS);
            Instant saturday = at(ATHENS, "2026-03-07T11:00");
            assertThat(athens.add(saturday, Duration.ZERO)).isEqualTo(saturday);
            assertThatThrownBy(() -> athens.add(saturday, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(athens.between(saturday, saturday.minusSeconds(5))).isZero();
        }
    }

    @Nested
    class Holidays {

        @Test
        void aHolidayIsClosed() {
            // 25 March, Greek national day (a Wednesday in 2026)
            BusinessCalendar athens = officeHours(ATHENS, new Holiday(LocalDate.of(2020, 3, 25), true, "Independence Day"));
            assertThat(athens.between(at(ATHENS, "2026-03-25T00:00"), at(ATHENS, "2026-03-26T00:00"))).isZero();
            assertThat(local(ATHENS, athens.add(at(ATHENS, "2026-03-24T16:00"), Duration.ofHours(2))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-26T10:00"));
        }

        @Test
        void aYearlyHolidayRecursAndAOneOffDoesNot() {
            Holiday easterMonday2026 = new Holiday(LocalDate.of(2026, 4, 13), false, "Easter Monday");
            Holiday christmas = new Holiday(LocalDate.of(2000, 12, 25), true, "Christmas");
            BusinessCalendar athens = officeHours(ATHENS, easterMonday2026, christmas);
            assertThat(athens.isOpen(at(ATHENS, "2026-04-13T10:00"))).isFalse();
            assertThat(athens.isOpen(at(ATHENS, "2027-04-13T10:00"))).isTrue(); // a Tuesday, no longer Easter Monday
            assertThat(athens.isOpen(at(ATHENS, "2026-12-25T10:00"))).isFalse();
            assertThat(athens.isOpen(at(ATHENS, "2030-12-25T10:00"))).isFalse();
        }

        @Test
        void aCalendarWithoutOpenTimeIsRefusedOrGivesUp() {
            assertThatThrownBy(() -> BusinessCalendar.of(ATHENS, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
            // open only on 29 February, and that day a holiday every year: never open
            BusinessCalendar never = BusinessCalendar.of(ATHENS,
                    List.of(new OpeningInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))),
                    java.util.stream.IntStream.rangeClosed(1, 366).mapToObj(d -> new Holiday(LocalDate.ofYearDay(2024, d), true, "closed"))
                            .toList());
            assertThatThrownBy(() -> never.add(at(ATHENS, "2026-03-09T09:00"), Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Midnight {

        // a night shift: Friday 22:00 to Saturday 02:00, plus Saturday 00:00–01:00 overlapping it
        final BusinessCalendar nights = BusinessCalendar.of(ATHENS, List.of(
                new OpeningInterval(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(2, 0)),
                new OpeningInterval(DayOfWeek.SATURDAY, LocalTime.of(0, 0), LocalTime.of(1, 0))), List.of());

        @Test
        void anIntervalRunsPastMidnightAndOverlapsCountOnce() {
            assertThat(nights.between(at(ATHENS, "2026-03-06T00:00"), at(ATHENS, "2026-03-08T00:00"))).isEqualTo(Duration.ofHours(4));
            assertThat(local(ATHENS, nights.add(at(ATHENS, "2026-03-06T23:00"), Duration.ofHours(2))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-07T01:00"));
            assertThat(nights.isOpen(at(ATHENS, "2026-03-07T01:30"))).isTrue();
            assertThat(nights.isOpen(at(ATHENS, "2026-03-07T02:00"))).isFalse();
        }

        @Test
        void aHolidayClosesTheIntervalsStartingOnIt() {
            BusinessCalendar closedFriday = BusinessCalendar.of(ATHENS, nights.intervals(),
                    List.of(new Holiday(LocalDate.of(2026, 3, 6), false, "closed")));
            // the Friday night shift is gone; the Saturday 00:00–01:00 interval remains
            assertThat(closedFriday.between(at(ATHENS, "2026-03-06T00:00"), at(ATHENS, "2026-03-08T00:00"))).isEqualTo(Duration.ofHours(1));
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void athensSpringForwardKeepsTheNominalOfficeDayAndLosesAnHourAroundTheClock() {
            // 2026-03-29: 03:00 becomes 04:00 in Athens (a Sunday); the week around it
            BusinessCalendar office = BusinessCalendar.weekly(ATHENS, EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(17, 0),
                    List.of());
            assertThat(office.between(at(ATHENS, "2026-03-29T00:00"), at(ATHENS, "2026-03-30T00:00"))).isEqualTo(Duration.ofHours(8));
            BusinessCalendar always = BusinessCalendar.alwaysOpen(ATHENS);
            assertThat(always.between(at(ATHENS, "2026-03-29T00:00"), at(ATHENS, "2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
            // a night interval across the switch is as long as it really was
            BusinessCalendar night = BusinessCalendar.of(ATHENS,
                    List.of(new OpeningInterval(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))), List.of());
            assertThat(night.between(at(ATHENS, "2026-03-28T00:00"), at(ATHENS, "2026-03-30T00:00"))).isEqualTo(Duration.ofHours(7));
            assertThat(local(ATHENS, night.add(at(ATHENS, "2026-03-28T22:00"), Duration.ofHours(5))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-29T04:00"));
        }

        @Test
        void athensFallBackGainsAnHourInTheNight() {
            // 2026-10-25: 04:00 becomes 03:00 again
            BusinessCalendar night = BusinessCalendar.of(ATHENS,
                    List.of(new OpeningInterval(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))), List.of());
            assertThat(night.between(at(ATHENS, "2026-10-24T00:00"), at(ATHENS, "2026-10-26T00:00"))).isEqualTo(Duration.ofHours(9));
            assertThat(BusinessCalendar.alwaysOpen(ATHENS).between(at(ATHENS, "2026-10-25T00:00"), at(ATHENS, "2026-10-26T00:00")))
                    .isEqualTo(Duration.ofHours(25));
            assertThat(officeHours(ATHENS).between(at(ATHENS, "2026-10-23T16:00"), at(ATHENS, "2026-10-26T10:00")))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        void newYorkSwitchesOnOtherDaysInBothDirections() {
            // 2026-03-08 02:00 → 03:00 and 2026-11-01 02:00 → 01:00 in New York; Athens still on its old offset
            BusinessCalendar ny = officeHours(NEW_YORK);
            Instant fridayAfternoon = at(NEW_YORK, "2026-03-06T16:00");
            assertThat(local(NEW_YORK, ny.add(fridayAfternoon, Duration.ofHours(3))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-03-09T11:00"));
            assertThat(Duration.between(fridayAfternoon, ny.add(fridayAfternoon, Duration.ofHours(3))))
                    .isEqualTo(Duration.ofHours(3 + 16 + 48 - 1)); // the weekend was an hour short
            Instant fallFriday = at(NEW_YORK, "2026-10-30T16:00");
            assertThat(local(NEW_YORK, ny.add(fallFriday, Duration.ofHours(3))).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2026-11-02T11:00"));
            assertThat(Duration.between(fallFriday, ny.add(fallFriday, Duration.ofHours(3)))).isEqualTo(Duration.ofHours(3 + 16 + 48 + 1));
            BusinessCalendar nyNights = BusinessCalendar.of(NEW_YORK,
                    List.of(new OpeningInterval(DayOfWeek.SATURDAY, LocalTime.of(23, 0), LocalTime.of(5, 0))), List.of());
            assertThat(nyNights.between(at(NEW_YORK, "2026-03-07T00:00"), at(NEW_YORK, "2026-03-09T00:00"))).isEqualTo(Duration.ofHours(5));
            assertThat(nyNights.between(at(NEW_YORK, "2026-10-31T00:00"), at(NEW_YORK, "2026-11-02T00:00"))).isEqualTo(Duration.ofHours(7));
        }

        @Test
        void anOpeningInsideTheSpringGapStartsWhenTheClockJumps() {
            // opening at 03:30 on the Athens switch day: that local time does not exist, it opens at 04:30 (the shifted time)
            BusinessCalendar early = BusinessCalendar.of(ATHENS,
                    List.of(new OpeningInterval(DayOfWeek.SUNDAY, LocalTime.of(3, 30), LocalTime.of(6, 0))), List.of());
            assertThat(early.between(at(ATHENS, "2026-03-29T00:00"), at(ATHENS, "2026-03-30T00:00"))).isEqualTo(Duration.ofMinutes(90));
        }
    }

    @Test
    void theSameBusinessDayEndsAtItsClose() {
        BusinessCalendar athens = officeHours(ATHENS);
        assertThat(local(ATHENS, athens.closeOfBusinessDay(at(ATHENS, "2026-03-09T10:00"))).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2026-03-09T17:00"));
        // after hours on Friday: Monday's close
        assertThat(local(ATHENS, athens.closeOfBusinessDay(at(ATHENS, "2026-03-06T18:00"))).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2026-03-09T17:00"));
        assertThat(local(ATHENS, athens.closeOfBusinessDay(at(ATHENS, "2026-03-09T07:00"))).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2026-03-09T17:00"));
        assertThat(local(ATHENS, BusinessCalendar.alwaysOpen(ATHENS).closeOfBusinessDay(at(ATHENS, "2026-03-07T11:00")))
                .toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-08T00:00"));
    }

    @Test
    void aroundTheClockIsCalendarTime() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen(ATHENS);
        Instant start = at(ATHENS, "2026-03-07T11:00");
        assertThat(always.add(start, Duration.ofHours(50))).isEqualTo(start.plus(Duration.ofHours(50)));
        assertThat(always.isOpen(start)).isTrue();
    }
}
