package io.pharos.analytics.model;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.pharos.commons.time.BusinessCalendar;
import io.pharos.contracts.ticket.CalendarUpdated;

/** The tenant's calendar as ticket-service publishes it ({@code pharos.calendar.updated}), read into the shared calendar library. */
public final class Calendars {

    /** Until a tenant's calendar arrives: open around the clock in UTC (business time = calendar time). */
    public static final BusinessCalendar FALLBACK = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);

    private Calendars() {
    }

    public static BusinessCalendar read(CalendarUpdated.Calendar c) {
        ZoneId zone = ZoneId.of(c.timeZone() == null ? "UTC" : c.timeZone());
        if (c.alwaysOpen()) {
            return BusinessCalendar.alwaysOpen(zone);
        }
        List<BusinessCalendar.OpeningInterval> intervals = new ArrayList<>();
        for (CalendarUpdated.Interval i : orEmpty(c.intervals())) {
            intervals.add(new BusinessCalendar.OpeningInterval(DayOfWeek.valueOf(i.day().name()), i.start(), i.end()));
        }
        List<BusinessCalendar.Holiday> holidays = new ArrayList<>();
        for (CalendarUpdated.Holiday h : orEmpty(c.holidays())) {
            holidays.add(new BusinessCalendar.Holiday(h.date(), Boolean.TRUE.equals(h.yearly()), h.name()));
        }
        return BusinessCalendar.of(zone, intervals, holidays);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
