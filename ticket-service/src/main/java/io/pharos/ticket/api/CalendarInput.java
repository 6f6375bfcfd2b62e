package io.pharos.ticket.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.ticket.domain.Weekday;

/**
 * A business-hours calendar as an admin writes it: an IANA time zone, weekly opening intervals
 * (an end not after the start runs past midnight), holidays (one date, or yearly), or open 24/7.
 */
@Description("Business hours to create or replace: weekly open intervals and holidays in one time zone")
@Input("CalendarInput") // not SmallRye's default "CalendarInputInput"
public record CalendarInput(
        @Description("Name shown to admins") @NotBlank @Size(max = 200) String name,
        @Description("IANA time zone of the intervals, e.g. Europe/Athens") @NotBlank @Size(max = 64) String timeZone,
        @Description("Open around the clock (intervals are ignored)") Boolean alwaysOpen,
        @Description("Weekly open intervals") @Size(max = 70) List<@Valid @NotNull Interval> intervals,
        @Description("Days closed") @Size(max = 500) List<@Valid @NotNull Holiday> holidays,
        @Description("Make it the tenant's default calendar") Boolean isDefault) {

    @Type("OpeningInterval")
    @Input("OpeningIntervalInput")
    @Description("One open interval of a weekday, in the calendar's time zone")
    public record Interval(@Description("Weekday") @NotNull Weekday day, @NotNull LocalTime start, @NotNull LocalTime end) {
    }

    @Type("Holiday")
    @Input("HolidayInput")
    @Description("A day the team is closed, once or every year")
    public record Holiday(
            @NotNull LocalDate date,
            @Description("On the same date every year") Boolean yearly,
            @Description("What the day is") @Size(max = 200) String name) {
    }
}
