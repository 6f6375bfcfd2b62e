package io.pharos.ticket.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.ticket.domain.Weekday;

/**
 * A business-hours calendar as an admin writes it: an IANA time zone, weekly opening intervals
 * (an end not after the start runs past midnight), holidays (one date, or yearly), or open 24/7.
 */
public record CalendarInput(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String timeZone,
        Boolean alwaysOpen,
        @Size(max = 70) List<@Valid @NotNull Interval> intervals,
        @Size(max = 500) List<@Valid @NotNull Holiday> holidays,
        Boolean isDefault) {

    @Type("OpeningInterval")
    @Input("OpeningIntervalInput")
    public record Interval(@NotNull Weekday day, @NotNull LocalTime start, @NotNull LocalTime end) {
    }

    @Type("Holiday")
    @Input("HolidayInput")
    public record Holiday(@NotNull LocalDate date, Boolean yearly, @Size(max = 200) String name) {
    }
}
