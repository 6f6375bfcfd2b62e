package io.pharos.contracts.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.calendar.updated}: a business-hours calendar was created, changed or deleted;
 * consumers keep a replica to count business time.
 */
public record CalendarUpdated(Calendar calendar, boolean deleted) {

    /**
     * @param timeZone IANA time zone of the intervals
     * @param alwaysOpen open around the clock (intervals are ignored)
     * @param isDefault the tenant's default calendar, used by policies that name none
     */
    public record Calendar(UUID id, String name, String timeZone, boolean alwaysOpen, List<Interval> intervals, List<Holiday> holidays,
            boolean isDefault, Instant createdAt, Instant updatedAt) {
    }

    /** One open interval of a weekday; an end not after the start runs past midnight. */
    public record Interval(Weekday day, LocalTime start, LocalTime end) {
    }

    /** @param yearly on the same date every year */
    public record Holiday(LocalDate date, @Nullable Boolean yearly, @Nullable String name) {
    }
}
