package io.pharos.system.reference;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Business hours as a support manager writes them down (one interval per working weekday, a zone,
 * holiday dates), counted independently of Pharos's own calendar code: day by day, the day's
 * interval turned into instants with java.time and intersected with the span. Slow and obvious on
 * purpose — it is the reference the KPIs are checked against.
 */
public record OpenHours(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays) {

    /** Open time within [a, b). */
    public Duration between(Instant a, Instant b) {
        if (!a.isBefore(b)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        for (LocalDate d = a.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(b.atZone(zone).toLocalDate()); d = d.plusDays(1)) {
            if (!days.contains(d.getDayOfWeek()) || holidays.contains(d)) {
                continue;
            }
            Instant open = d.atTime(opens).atZone(zone).toInstant();
            Instant close = d.atTime(closes).atZone(zone).toInstant();
            Instant from = open.isAfter(a) ? open : a;
            Instant to = close.isBefore(b) ? close : b;
            if (from.isBefore(to)) {
                total = total.plus(Duration.between(from, to));
            }
        }
        return total;
    }

    /** The instant at which {@code amount} of open time has passed since {@code from} (the earliest such instant). */
    public Instant add(Instant from, Duration amount) {
        Duration left = amount;
        if (left.isZero()) {
            return from;
        }
        for (LocalDate d = from.atZone(zone).toLocalDate().minusDays(1);; d = d.plusDays(1)) {
            if (!days.contains(d.getDayOfWeek()) || holidays.contains(d)) {
                continue;
            }
            Instant open = d.atTime(opens).atZone(zone).toInstant();
            Instant close = d.atTime(closes).atZone(zone).toInstant();
            Instant start = open.isAfter(from) ? open : from;
            if (!start.isBefore(close)) {
                continue;
            }
            Duration here = Duration.between(start, close);
            if (here.compareTo(left) >= 0) {
                return start.plus(left);
            }
            left = left.minus(here);
        }
    }
}
