package io.pharos.analytics.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.commons.time.BusinessCalendar;

/** The tenant's calendar as ticket-service publishes it ({@code pharos.calendar.updated}), read into the shared calendar library. */
public final class Calendars {

    /** Until a tenant's calendar arrives: open around the clock in UTC (business time = calendar time). */
    public static final BusinessCalendar FALLBACK = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);

    private Calendars() {
    }

    public static BusinessCalendar read(JsonNode c) {
        ZoneId zone = ZoneId.of(c.path("timeZone").asText("UTC"));
        if (c.path("alwaysOpen").asBoolean(false)) {
            return BusinessCalendar.alwaysOpen(zone);
        }
        List<BusinessCalendar.OpeningInterval> intervals = new ArrayList<>();
        for (JsonNode i : c.path("intervals")) {
            intervals.add(new BusinessCalendar.OpeningInterval(DayOfWeek.valueOf(i.path("day").asText().toUpperCase()),
                    LocalTime.parse(i.path("start").asText()), LocalTime.parse(i.path("end").asText())));
        }
        List<BusinessCalendar.Holiday> holidays = new ArrayList<>();
        for (JsonNode h : c.path("holidays")) {
            holidays.add(new BusinessCalendar.Holiday(LocalDate.parse(h.path("date").asText()), h.path("yearly").asBoolean(false),
                    h.path("name").asText(null)));
        }
        return BusinessCalendar.of(zone, intervals, holidays);
    }
}
