package io.pharos.contracts.ticket;

/** A day of the week in business-hours calendars; lower-case on the wire ({@code monday}). */
public enum Weekday {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY
}
