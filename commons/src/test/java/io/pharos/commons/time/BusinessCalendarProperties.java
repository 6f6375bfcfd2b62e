package io.pharos.commons.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.pharos.commons.time.BusinessCalendar.Holiday;
import io.pharos.commons.time.BusinessCalendar.OpeningInterval;

/**
 * {@code add} and {@code between} agree on arbitrary calendars (several intervals a day, some
 * past midnight, holidays, Athens and New York with their DST switches, 24/7) and arbitrary
 * instants over 2025–2027.
 */
class BusinessCalendarProperties {

    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final long SPAN_SECONDS = Duration.ofDays(3 * 365).toSeconds();

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZoneId.of("Europe/Athens"), ZoneId.of("America/New_York"), ZoneId.of("UTC"));
        Arbitrary<OpeningInterval> intervals = Combinators.combine(Arbitraries.of(DayOfWeek.values()),
                Arbitraries.integers().between(0, 24 * 4 - 1), Arbitraries.integers().between(4, 24 * 4))
                .as((day, start, length) -> new OpeningInterval(day, LocalTime.ofSecondOfDay(start * 900L),
                        LocalTime.ofSecondOfDay(((start + length) % (24 * 4)) * 900L)));
        Arbitrary<Holiday> holidays = Combinators.combine(Arbitraries.integers().between(0, 3 * 365), Arbitraries.of(true, false))
                .as((day, yearly) -> new Holiday(LocalDate.of(2025, 1, 1).plusDays(day), yearly, "h"));
        Arbitrary<BusinessCalendar> regular = Combinators.combine(zones, intervals.list().ofMinSize(1).ofMaxSize(9),
                holidays.list().ofMaxSize(15)).as((zone, open, closed) -> BusinessCalendar.of(zone, new ArrayList<>(open), closed));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, regular),
                net.jqwik.api.Tuple.of(1, zones.map(BusinessCalendar::alwaysOpen)));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, SPAN_SECONDS).map(FROM::plusSeconds);
    }

    @Provide
    Arbitrary<Duration> durations() {
        // up to 40 hours: with at least one hour open a week, due within a year
        return Arbitraries.longs().between(0, Duration.ofHours(40).toSeconds()).map(Duration::ofSeconds);
    }

    @Property(tries = 400)
    void betweenTheStartAndItsDueInstantIsTheDuration(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant start, @ForAll("durations") Duration amount) {
        Instant due = calendar.add(start, amount);
        assertThat(due).isAfterOrEqualTo(start);
        assertThat(calendar.between(start, due)).isEqualTo(amount);
        // and it is the earliest such instant: a second earlier, less had been counted
        if (!amount.isZero()) {
            assertThat(calendar.between(start, due.minusSeconds(1))).isLessThan(amount);
        }
    }

    @Property(tries = 400)
    void addingTheBusinessTimeBetweenTwoInstantsNeverOvershoots(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        Instant start = a.isBefore(b) ? a : b;
        Instant end = a.isBefore(b) ? b : a;
        Duration counted = calendar.between(start, end);
        Instant due = calendar.add(start, counted);
        assertThat(due).isBeforeOrEqualTo(end);
        assertThat(calendar.between(due, end)).isZero();
        // open at the end: the due instant is the end itself
        if (calendar.isOpen(end.minusNanos(1)) && calendar.isOpen(end) && end.isAfter(start)) {
            assertThat(due).isEqualTo(end);
        }
    }

    @Property(tries = 300)
    void businessTimeIsAdditive(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant a,
            @ForAll("instants") Instant b, @ForAll("instants") Instant c) {
        List<Instant> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(null);
        assertThat(calendar.between(sorted.get(0), sorted.get(1)).plus(calendar.between(sorted.get(1), sorted.get(2))))
                .isEqualTo(calendar.between(sorted.get(0), sorted.get(2)));
        assertThat(calendar.between(sorted.get(0), sorted.get(2))).isLessThanOrEqualTo(Duration.between(sorted.get(0), sorted.get(2)));
    }
}
