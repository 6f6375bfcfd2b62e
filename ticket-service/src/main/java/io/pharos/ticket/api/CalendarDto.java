package io.pharos.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Name;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A stored calendar; also the data of {@code pharos.calendar.updated} (consumers keep a replica). */
@Name("Calendar")
public record CalendarDto(UUID id, String name, String timeZone, boolean alwaysOpen, List<CalendarInput.Interval> intervals,
        List<CalendarInput.Holiday> holidays, boolean isDefault, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {
}
