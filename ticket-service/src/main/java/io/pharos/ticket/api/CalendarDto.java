package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A stored calendar; also the data of {@code pharos.calendar.updated} (consumers keep a replica). */
@Name("Calendar")
@Description("Business hours of a tenant: weekly open intervals and holidays in one time zone")
public record CalendarDto(
        @Description("Calendar id") UUID id,
        @Description("Name shown to admins") String name,
        @Description("IANA time zone of the intervals, e.g. Europe/Athens") String timeZone,
        @Description("Open around the clock (intervals are ignored)") boolean alwaysOpen,
        @Description("Weekly open intervals") List<CalendarInput.Interval> intervals,
        @Description("Days closed") List<CalendarInput.Holiday> holidays,
        @Description("The tenant's default calendar, used by policies that name none") boolean isDefault,
        Instant createdAt,
        Instant updatedAt,
        @JsonIgnore long version) {
}
