package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A tenant's business-hours calendar as stored; {@code BusinessCalendar} is its computing form. */
@Entity
@Table(name = "business_calendar")
public class CalendarRecord {

    @Id
    public UUID id;
    public String tenant;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "always_open")
    public boolean alwaysOpen;
    /** JSON list of {day, start, end} */
    public String intervals;
    /** JSON list of {date, yearly, name} */
    public String holidays;
    @Column(name = "is_default")
    public boolean isDefault;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
