package io.pharos.commons.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's (or team's) business hours: an IANA time zone, weekly opening intervals (several a
 * day; an interval whose end is not after its start runs past midnight into the next day),
 * holidays (single dates, or month-days that recur every year) — or open around the clock.
 * <p>
 * Business time is the real elapsed time that falls inside open intervals. Interval bounds are
 * local wall-clock times turned into instants in the zone, so on a DST day a 09:00–17:00 day is
 * still 8 hours, while an interval spanning the switch is as long as the clock says it really
 * was. An interval belongs to the day it starts on: a holiday closes the intervals that start on it.
 * <p>
 * Pure and immutable: ticket-service computes SLA due times with it, analytics-service the
 * business-time KPIs, so both reach the same verdicts.
 */
public final class BusinessCalendar {

    /** Open from {@code start} to {@code end} on {@code day}; {@code end <= start} ends on the next day. */
    public record OpeningInterval(DayOfWeek day, LocalTime start, LocalTime end) {
        public OpeningInterval {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        boolean crossesMidnight() {
            return !end.isAfter(start);
        }
    }

    /** A closed day: one date, or (when {@code yearly}) that month and day every year. */
    public record Holiday(LocalDate date, boolean yearly, String name) {
        public Holiday {
            Objects.requireNonNull(date, "date");
        }

        boolean covers(LocalDate day) {
            return yearly ? MonthDay.from(date).equals(MonthDay.from(day)) : date.equals(day);
        }
    }

    /** How far ahead {@link #add} looks for open time before giving up (a calendar closed for ever). */
    static final int HORIZON_DAYS = 366 * 5;

    private final ZoneId zone;
    private final boolean alwaysOpen;
    private final List<OpeningInterval> intervals;
    private final List<Holiday> holidays;

    private BusinessCalendar(ZoneId zone, boolean alwaysOpen, List<OpeningInterval> intervals, List<Holiday> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.alwaysOpen = alwaysOpen;
        this.intervals = List.copyOf(intervals);
        this.holidays = List.copyOf(holidays);
        if (!alwaysOpen && this.intervals.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one opening interval, or to be open around the clock");
        }
    }

    public static BusinessCalendar of(ZoneId zone, List<OpeningInterval> intervals, List<Holiday> holidays) {
        return new BusinessCalendar(zone, false, intervals, holidays);
    }

    /** Open around the clock (24/7): business time equals calendar time; holidays do not apply. */
    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        return new BusinessCalendar(zone, true, List.of(), List.of());
    }

    /** The same hours on the given days, e.g. Monday to Friday 09:00–17:00. */
    public static BusinessCalendar weekly(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close, List<Holiday> holidays) {
        List<OpeningInterval> list = days.stream().sorted().map(d -> new OpeningInterval(d, open, close)).toList();
        return new BusinessCalendar(zone, false, list, holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    public List<OpeningInterval> intervals() {
        return intervals;
    }

    public List<Holiday> holidays() {
        return holidays;
    }

    /** Business time between two instants (zero when {@code end} is not after {@code start}). */
    public Duration between(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(start, end);
        }
        long nanos = 0;
        LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1); // intervals of the day before may run into it
        LocalDate last = LocalDate.ofInstant(end, zone);
        Instant covered = start; // merged intervals: never count a moment twice
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                Instant from = max(open[0], covered);
                Instant to = min(open[1], end);
                if (to.isAfter(from)) {
                    nanos += Duration.between(from, to).toNanos();
                    covered = to;
                }
            }
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * The earliest instant at which the business time counted from {@code start} reaches
     * {@code amount}: a target reached exactly at closing time is due at closing time.
     */
    public Instant add(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a business duration cannot be negative: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        if (alwaysOpen) {
            return start.plus(amount);
        }
        long remaining = amount.toNanos();
        LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1);
        LocalDate horizon = day.plusDays(HORIZON_DAYS);
        Instant covered = start;
        for (; day.isBefore(horizon); day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                Instant from = max(open[0], covered);
                if (!open[1].isAfter(from)) {
                    continue;
                }
                long available = Duration.between(from, open[1]).toNanos();
                if (available >= remaining) {
                    return from.plusNanos(remaining);
                }
                remaining -= available;
                covered = open[1];
            }
        }
        throw new IllegalStateException("no open business time within " + HORIZON_DAYS + " days of " + start);
    }

    /**
     * The close of the business day an instant falls in, or of the next business day when it falls
     * outside open hours ("a callback the same business day"); for 24/7, the next local midnight.
     */
    public Instant closeOfBusinessDay(Instant at) {
        if (alwaysOpen) {
            return LocalDate.ofInstant(at, zone).plusDays(1).atStartOfDay(zone).toInstant();
        }
        LocalDate day = LocalDate.ofInstant(at, zone).minusDays(1);
        LocalDate horizon = day.plusDays(HORIZON_DAYS);
        for (; day.isBefore(horizon); day = day.plusDays(1)) {
            List<Instant[]> open = openOn(day);
            if (!open.isEmpty() && open.get(open.size() - 1)[1].isAfter(at)) {
                return open.get(open.size() - 1)[1];
            }
        }
        throw new IllegalStateException("no open business time within " + HORIZON_DAYS + " days of " + at);
    }

    /** Whether the instant lies inside an open interval. */
    public boolean isOpen(Instant at) {
        if (alwaysOpen) {
            return true;
        }
        LocalDate day = LocalDate.ofInstant(at, zone);
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (Instant[] open : openOn(d)) {
                if (!at.isBefore(open[0]) && at.isBefore(open[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The open intervals that start on a local day, as instants, sorted and merged. */
    private List<Instant[]> openOn(LocalDate day) {
        if (holidays.stream().anyMatch(h -> h.covers(day))) {
            return List.of();
        }
        List<Instant[]> open = new ArrayList<>(2);
        for (OpeningInterval interval : intervals) {
            if (interval.day() != day.getDayOfWeek()) {
                continue;
            }
            Instant from = ZonedDateTime.of(day, interval.start(), zone).toInstant();
            LocalDate endDay = interval.crossesMidnight() ? day.plusDays(1) : day;
            Instant to = ZonedDateTime.of(endDay, interval.end(), zone).toInstant();
            if (to.isAfter(from)) {
                open.add(new Instant[] { from, to });
            }
        }
        open.sort(Comparator.comparing(i -> i[0]));
        List<Instant[]> merged = new ArrayList<>(open.size());
        for (Instant[] interval : open) {
            Instant[] previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && !interval[0].isAfter(previous[1])) {
                previous[1] = max(previous[1], interval[1]);
            } else {
                merged.add(interval);
            }
        }
        return merged;
    }

    @Override
    public String toString() {
        return alwaysOpen ? "BusinessCalendar[" + zone + ", 24/7]"
                : "BusinessCalendar[" + zone + ", " + intervals + ", holidays " + holidays + "]";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
