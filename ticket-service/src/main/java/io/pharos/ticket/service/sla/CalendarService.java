package io.pharos.ticket.service.sla;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.time.BusinessCalendar;
import io.pharos.ticket.api.CalendarDto;
import io.pharos.ticket.api.CalendarInput;
import io.pharos.ticket.domain.CalendarRecord;
import io.pharos.ticket.domain.Weekday;
import io.pharos.ticket.mapping.SlaMapper;
import io.pharos.ticket.repository.CalendarRepository;
import io.pharos.ticket.repository.SlaPolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Business-hours calendars per tenant. A tenant starts with one default calendar (Europe/Athens,
 * Monday to Friday 09:00–17:00); every change is published as {@code pharos.calendar.updated} so
 * that analytics computes business time with the same calendar.
 */
@ApplicationScoped
public class CalendarService {

    static final String DEFAULT_NAME = "Business hours";

    private final CalendarRepository calendars;
    private final SlaPolicyRepository policies;
    private final OutboxWriter outbox;

    public CalendarService(CalendarRepository calendars, SlaPolicyRepository policies, OutboxWriter outbox) {
        this.calendars = calendars;
        this.policies = policies;
        this.outbox = outbox;
    }

    @WithTransaction // the first read of a tenant creates its defaults
    public Uni<List<CalendarDto>> list(String tenant) {
        return defaultRecord(tenant).flatMap(d -> calendars.ofTenant(tenant)).map(l -> l.stream().map(SlaMapper::toDto).toList());
    }

    @WithSession
    public Uni<CalendarDto> get(String tenant, UUID id) {
        return load(tenant, id).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<CalendarDto> create(String tenant, CalendarInput in) {
        CalendarRecord c = new CalendarRecord();
        c.id = UUID.randomUUID();
        c.tenant = tenant;
        c.createdAt = now();
        apply(c, in);
        return defaultRecord(tenant).flatMap(existingDefault -> {
            Uni<Void> demote = c.isDefault && existingDefault != null ? demote(existingDefault) : Uni.createFrom().voidItem();
            return demote.flatMap(v -> calendars.persist(c)).call(calendars::flush).call(() -> published(c, false));
        }).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<CalendarDto> replace(String tenant, UUID id, CalendarInput in) {
        return load(tenant, id).flatMap(c -> {
            boolean wasDefault = c.isDefault;
            apply(c, in);
            if (wasDefault && !c.isDefault) {
                return Uni.createFrom().failure(ProblemException.conflict("default-calendar-required",
                        "Make another calendar the default instead of unsetting it."));
            }
            Uni<Void> demote = c.isDefault && !wasDefault
                    ? calendars.defaultOf(tenant).flatMap(d -> d == null ? Uni.createFrom().voidItem() : demote(d))
                    : Uni.createFrom().voidItem();
            return demote.call(calendars::flush).call(() -> published(c, false)).replaceWith(c);
        }).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<Void> delete(String tenant, UUID id) {
        return load(tenant, id).flatMap(c -> {
            if (c.isDefault) {
                return Uni.createFrom().failure(ProblemException.conflict("default-calendar", "The default calendar cannot be deleted."));
            }
            return policies.usingCalendar(tenant, id).flatMap(n -> n > 0
                    ? Uni.createFrom().failure(ProblemException.conflict("calendar-in-use",
                            "Calendar " + c.name + " is used by " + n + " SLA polic" + (n == 1 ? "y" : "ies") + "."))
                    : calendars.delete(c).call(() -> published(c, true)));
        });
    }

    /** The computing form of a calendar, or of the tenant's default when {@code id} is null. */
    public Uni<BusinessCalendar> calendar(String tenant, UUID id) {
        Uni<CalendarRecord> record = id == null ? defaultRecord(tenant) : calendars.findInTenant(tenant, id)
                .flatMap(c -> c != null ? Uni.createFrom().item(c) : defaultRecord(tenant));
        return record.map(SlaMapper::toCalendar);
    }

    /** The tenant's default calendar, created on first use. */
    Uni<CalendarRecord> defaultRecord(String tenant) {
        return calendars.defaultOf(tenant).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            CalendarRecord c = new CalendarRecord();
            c.id = UUID.randomUUID();
            c.tenant = tenant;
            c.createdAt = now();
            List<CalendarInput.Interval> weekdays = new ArrayList<>();
            for (Weekday day : EnumSet.range(Weekday.MONDAY, Weekday.FRIDAY)) {
                weekdays.add(new CalendarInput.Interval(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
            }
            apply(c, new CalendarInput(DEFAULT_NAME, "Europe/Athens", false, weekdays, List.of(), true));
            return calendars.persist(c).call(() -> published(c, false));
        });
    }

    private Uni<Void> demote(CalendarRecord c) {
        c.isDefault = false;
        c.updatedAt = now();
        return calendars.flush().call(() -> published(c, false)).replaceWithVoid();
    }

    private Uni<CalendarRecord> load(String tenant, UUID id) {
        return calendars.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Calendar", id));
    }

    private static void apply(CalendarRecord c, CalendarInput in) {
        try {
            ZoneId.of(in.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("invalid-time-zone", "Unknown time zone " + in.timeZone() + " (use an IANA name such as Europe/Athens).");
        }
        boolean alwaysOpen = Boolean.TRUE.equals(in.alwaysOpen());
        List<CalendarInput.Interval> intervals = in.intervals() == null ? List.of() : in.intervals();
        if (!alwaysOpen && intervals.isEmpty()) {
            throw ProblemException.badRequest("no-opening-hours", "A calendar needs opening intervals, or alwaysOpen: true.");
        }
        for (CalendarInput.Interval i : intervals) {
            if (i.start().equals(i.end())) {
                throw ProblemException.badRequest("empty-interval", "An opening interval from " + i.start() + " to " + i.end()
                        + " would run 24 hours: use 00:00 to 00:00 of the next day's interval, or alwaysOpen.");
            }
        }
        c.name = in.name().strip();
        c.timeZone = in.timeZone();
        c.alwaysOpen = alwaysOpen;
        c.intervals = SlaMapper.json(alwaysOpen ? List.of() : intervals);
        c.holidays = SlaMapper.json(in.holidays() == null ? List.of() : in.holidays());
        c.isDefault = Boolean.TRUE.equals(in.isDefault());
        c.updatedAt = now();
    }

    private Uni<Void> published(CalendarRecord c, boolean deleted) {
        return outbox.append(c.tenant, TicketEvents.CALENDAR_UPDATED, c.id.toString(), SlaMapper.toEvent(c, deleted)).replaceWithVoid();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
