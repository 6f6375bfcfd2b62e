package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pharos.commons.time.BusinessCalendar;
import io.pharos.contracts.Channel;
import io.pharos.contracts.ticket.CalendarUpdated;
import io.pharos.contracts.ticket.SlaPolicyUpdated;
import io.pharos.contracts.ticket.Weekday;
import io.pharos.ticket.api.CalendarDto;
import io.pharos.ticket.api.CalendarInput;
import io.pharos.ticket.api.SlaPolicyDto;
import io.pharos.ticket.api.SlaPolicyInput;
import io.pharos.ticket.domain.CalendarRecord;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.SlaPolicy;

/** Calendars and SLA policies between their stored, API and computing forms. */
public final class SlaMapper {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SlaMapper() {
    }

    public static List<CalendarInput.Interval> intervals(CalendarRecord c) {
        return read(c.intervals, new TypeReference<>() {
        });
    }

    public static List<CalendarInput.Holiday> holidays(CalendarRecord c) {
        return read(c.holidays, new TypeReference<>() {
        });
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable calendar data", e);
        }
    }

    public static CalendarDto toDto(CalendarRecord c) {
        return new CalendarDto(c.id, c.name, c.timeZone, c.alwaysOpen, intervals(c), holidays(c), c.isDefault, c.createdAt,
                c.updatedAt, c.version);
    }

    public static BusinessCalendar toCalendar(CalendarRecord c) {
        java.time.ZoneId zone = java.time.ZoneId.of(c.timeZone);
        if (c.alwaysOpen) {
            return BusinessCalendar.alwaysOpen(zone);
        }
        return BusinessCalendar.of(zone,
                intervals(c).stream().map(i -> new BusinessCalendar.OpeningInterval(i.day().toDayOfWeek(), i.start(), i.end())).toList(),
                holidays(c).stream().map(h -> new BusinessCalendar.Holiday(h.date(), Boolean.TRUE.equals(h.yearly()), h.name()))
                        .toList());
    }

    public static SlaPolicyDto toDto(SlaPolicy p) {
        return new SlaPolicyDto(p.id, p.name, p.position, p.enabled,
                Arrays.stream(p.priorities).map(Priority::valueOf).toList(),
                Arrays.stream(p.channels).map(io.pharos.ticket.domain.Channel::valueOf).toList(), Arrays.asList(p.tags), Arrays.asList(p.customerTags),
                p.calendarId, target(p.firstResponseSeconds, p.firstResponseBusiness, p.firstResponseSameDay),
                target(p.nextReplySeconds, p.nextReplyBusiness, false), target(p.resolutionSeconds, p.resolutionBusiness, false),
                p.warnAtPercent, new SlaPolicyInput.Escalation(p.escalatePriority, p.escalateTeam, p.notifySupervisors),
                p.createdAt, p.updatedAt, p.version);
    }

    /** {@code pharos.calendar.updated}: the calendar as {@link #toDto(CalendarRecord)} shows it. */
    public static CalendarUpdated toEvent(CalendarRecord c, boolean deleted) {
        return new CalendarUpdated(new CalendarUpdated.Calendar(c.id, c.name, c.timeZone, c.alwaysOpen,
                intervals(c).stream().map(i -> new CalendarUpdated.Interval(Weekday.valueOf(i.day().name()), i.start(), i.end())).toList(),
                holidays(c).stream().map(h -> new CalendarUpdated.Holiday(h.date(), h.yearly(), h.name())).toList(), c.isDefault,
                c.createdAt, c.updatedAt), deleted);
    }

    /** {@code pharos.sla.policy.updated}: the policy as {@link #toDto(SlaPolicy)} shows it. */
    public static SlaPolicyUpdated toEvent(SlaPolicy p, boolean deleted) {
        SlaPolicyDto dto = toDto(p);
        return new SlaPolicyUpdated(new SlaPolicyUpdated.Policy(dto.id(), dto.name(), dto.position(), dto.enabled(),
                dto.priorities().stream().map(EventData::priority).toList(), dto.channels().stream().map(Channel::of).toList(),
                dto.tags(), dto.customerTags(), dto.calendarId(), target(dto.firstResponse()), target(dto.nextReply()),
                target(dto.resolution()), dto.warnAtPercent(), new SlaPolicyUpdated.Escalation(p.escalatePriority, p.escalateTeam,
                        p.notifySupervisors), dto.createdAt(), dto.updatedAt()), deleted);
    }

    private static SlaPolicyUpdated.Target target(SlaPolicyInput.Target t) {
        return t == null ? null : new SlaPolicyUpdated.Target(t.minutes(), t.businessHours(), t.sameBusinessDay());
    }

    private static SlaPolicyInput.Target target(Integer seconds, boolean business, boolean sameDay) {
        if (seconds == null && !sameDay) {
            return null;
        }
        return new SlaPolicyInput.Target(seconds == null ? null : seconds / 60, business, sameDay);
    }
}
