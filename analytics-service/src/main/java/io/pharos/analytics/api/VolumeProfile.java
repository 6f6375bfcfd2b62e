package io.pharos.analytics.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** When tickets come in: created tickets per hour of the day and per weekday, in the tenant's time zone. */
@Name("VolumeProfile")
@Description("Tickets created over [from, to) per hour of the day (0-23) and per weekday, in the tenant's time zone")
public record VolumeProfile(
        @NonNull Instant from,
        @NonNull Instant to,
        @Description("Time zone of hours and weekdays") @NonNull String timeZone,
        @Description("Tickets per hour of the day") @NonNull List<@NonNull HourOfDay> byHourOfDay,
        @Description("Tickets per weekday") @NonNull List<@NonNull Weekday> byWeekday) {

    @Name("HourOfDayVolume")
    @Description("Tickets created in one hour of the day, over all days of the range")
    public record HourOfDay(
            @Description("Hour of the day, 0-23, in the tenant's time zone") int hour,
            @Description("Tickets created in that hour over the range") long tickets) {
    }

    @Name("WeekdayVolume")
    @Description("Tickets created on one weekday, over all weeks of the range")
    public record Weekday(
            @NonNull @Description("MONDAY to SUNDAY") String weekday,
            @Description("Tickets created on that weekday over the range") long tickets) {
    }
}
