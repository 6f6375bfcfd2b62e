package io.pharos.ticket.domain;

import java.time.DayOfWeek;

import org.eclipse.microprofile.graphql.Description;

/** A day of the week in calendars (java.time's DayOfWeek, as a type GraphQL knows). */
@Description("A day of the week")
public enum Weekday {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY;

    public DayOfWeek toDayOfWeek() {
        return DayOfWeek.valueOf(name());
    }
}
