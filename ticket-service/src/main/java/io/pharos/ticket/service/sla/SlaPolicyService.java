package io.pharos.ticket.service.sla;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.SlaPolicyDto;
import io.pharos.ticket.api.SlaPolicyInput;
import io.pharos.ticket.api.SlaPolicyInput.Target;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.SlaPolicy;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.mapping.SlaMapper;
import io.pharos.ticket.repository.CalendarRepository;
import io.pharos.ticket.repository.SlaPolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * SLA policies per tenant, tried in order of position; the first enabled one whose conditions all
 * hold applies. A tenant starts with defaults from common practice (live channels within 15
 * minutes to 4 hours by priority, email within 24 hours, a phone callback the same business day).
 * Edits apply to tickets created afterwards, and to a ticket whose priority, channel or tags change.
 */
@ApplicationScoped
public class SlaPolicyService {

    static final List<Channel> LIVE = List.of(Channel.CHAT, Channel.SMS, Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM,
            Channel.TELEGRAM);

    private final SlaPolicyRepository policies;
    private final CalendarRepository calendars;
    private final OutboxWriter outbox;

    public SlaPolicyService(SlaPolicyRepository policies, CalendarRepository calendars, OutboxWriter outbox) {
        this.policies = policies;
        this.calendars = calendars;
        this.outbox = outbox;
    }

    @WithTransaction // the first read of a tenant creates its defaults
    public Uni<List<SlaPolicyDto>> list(String tenant) {
        return ofTenant(tenant).map(l -> l.stream().map(SlaMapper::toDto).toList());
    }

    @WithSession
    public Uni<SlaPolicyDto> get(String tenant, UUID id) {
        return load(tenant, id).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<SlaPolicyDto> create(String tenant, SlaPolicyInput in) {
        SlaPolicy p = new SlaPolicy();
        p.id = UUID.randomUUID();
        p.tenant = tenant;
        p.createdAt = CalendarService.now();
        return ofTenant(tenant).flatMap(existing -> checkCalendar(tenant, in).map(v -> {
            apply(p, in, existing.stream().mapToInt(x -> x.position).max().orElse(0) + 10);
            return p;
        })).flatMap(policies::persist).call(policies::flush).call(() -> published(p, false)).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<SlaPolicyDto> replace(String tenant, UUID id, SlaPolicyInput in) {
        return load(tenant, id).call(p -> checkCalendar(tenant, in)).map(p -> {
            apply(p, in, p.position);
            return p;
        }).call(policies::flush).call(p -> published(p, false)).map(SlaMapper::toDto);
    }

    @WithTransaction
    public Uni<Void> delete(String tenant, UUID id) {
        return load(tenant, id).call(policies::delete).call(p -> published(p, true)).replaceWithVoid();
    }

    /** The policy that applies to a ticket: the first enabled match by position, or null. */
    public Uni<SlaPolicy> match(String tenant, Ticket t, List<String> customerTags) {
        return ofTenant(tenant).map(list -> list.stream().filter(p -> p.enabled && matches(p, t, customerTags)).findFirst()
                .orElse(null));
    }

    /** The policy for a channel and priority alone (what a customer is promised before a ticket exists). */
    public Uni<SlaPolicy> match(String tenant, Channel channel, Priority priority) {
        return ofTenant(tenant).map(list -> list.stream()
                .filter(p -> p.enabled && p.tags.length == 0 && p.customerTags.length == 0
                        && (p.channels.length == 0 || Arrays.asList(p.channels).contains(channel.name()))
                        && (p.priorities.length == 0 || Arrays.asList(p.priorities).contains(priority.name())))
                .findFirst().orElse(null));
    }

    static boolean matches(SlaPolicy p, Ticket t, List<String> customerTags) {
        return (p.priorities.length == 0 || Arrays.asList(p.priorities).contains(t.priority.name()))
                && (p.channels.length == 0 || Arrays.asList(p.channels).contains(t.channel.name()))
                && (p.tags.length == 0 || Arrays.stream(p.tags).anyMatch(Arrays.asList(t.tags)::contains))
                && (p.customerTags.length == 0 || Arrays.stream(p.customerTags).anyMatch(customerTags::contains));
    }

    /** The tenant's policies in order; the defaults are created on first use. */
    Uni<List<SlaPolicy>> ofTenant(String tenant) {
        return policies.ofTenant(tenant).flatMap(list -> {
            if (!list.isEmpty()) {
                return Uni.createFrom().item(list);
            }
            List<SlaPolicy> defaults = defaults(tenant);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SlaPolicy p : defaults) {
                chain = chain.flatMap(v -> policies.persist(p).call(() -> published(p, false)).replaceWithVoid());
            }
            return chain.replaceWith(defaults);
        });
    }

    static List<SlaPolicy> defaults(String tenant) {
        int[] position = { 0 };
        java.util.function.Function<SlaPolicyInput, SlaPolicy> make = in -> {
            SlaPolicy p = new SlaPolicy();
            p.id = UUID.randomUUID();
            p.tenant = tenant;
            p.createdAt = CalendarService.now();
            apply(p, in, position[0] += 10);
            return p;
        };
        Map<Priority, int[]> live = new LinkedHashMap<>(); // first/next reply minutes, resolution hours (business)
        live.put(Priority.URGENT, new int[] { 15, 4 });
        live.put(Priority.HIGH, new int[] { 30, 8 });
        live.put(Priority.NORMAL, new int[] { 60, 16 });
        live.put(Priority.LOW, new int[] { 240, 40 });
        List<SlaPolicy> out = new java.util.ArrayList<>();
        live.forEach((priority, t) -> out.add(make.apply(new SlaPolicyInput("Live channels, " + priority.name().toLowerCase(Locale.ROOT),
                null, true, List.of(priority), LIVE, null, null, null, new Target(t[0], true, false), new Target(t[0], true, false),
                new Target(t[1] * 60, true, false), 75, null))));
        out.add(make.apply(new SlaPolicyInput("Phone callbacks", null, true, null, List.of(Channel.PHONE), null, null, null,
                new Target(null, true, true), new Target(240, true, false), new Target(16 * 60, true, false), 75, null)));
        out.add(make.apply(new SlaPolicyInput("Email, forms and API", null, true, null, null, null, null, null,
                new Target(24 * 60, false, false), new Target(24 * 60, false, false), new Target(40 * 60, true, false), 75, null)));
        return out;
    }

    private Uni<Void> checkCalendar(String tenant, SlaPolicyInput in) {
        if (in.calendarId() == null) {
            return Uni.createFrom().voidItem();
        }
        return calendars.findInTenant(tenant, in.calendarId()).onItem().ifNull()
                .failWith(() -> ProblemException.badRequest("unknown-calendar", "Calendar " + in.calendarId() + " does not exist."))
                .replaceWithVoid();
    }

    private Uni<SlaPolicy> load(String tenant, UUID id) {
        return policies.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("SLA policy", id));
    }

    static void apply(SlaPolicy p, SlaPolicyInput in, int defaultPosition) {
        if (in.firstResponse() == null && in.nextReply() == null && in.resolution() == null) {
            throw ProblemException.badRequest("no-targets", "An SLA policy needs at least one target.");
        }
        for (Target t : new Target[] { in.firstResponse(), in.nextReply(), in.resolution() }) {
            if (t != null && t.minutes() == null && !Boolean.TRUE.equals(t.sameBusinessDay())) {
                throw ProblemException.badRequest("target-without-time", "A target needs minutes (or sameBusinessDay for a first response).");
            }
        }
        if (in.nextReply() != null && Boolean.TRUE.equals(in.nextReply().sameBusinessDay())
                || in.resolution() != null && Boolean.TRUE.equals(in.resolution().sameBusinessDay())) {
            throw ProblemException.badRequest("same-day-first-response-only", "sameBusinessDay applies to the first response only.");
        }
        p.name = in.name().strip();
        p.position = in.position() != null ? in.position() : defaultPosition;
        p.enabled = in.enabled() == null || in.enabled();
        p.priorities = in.priorities() == null ? new String[0] : in.priorities().stream().map(Enum::name).toArray(String[]::new);
        p.channels = in.channels() == null ? new String[0] : in.channels().stream().map(Enum::name).toArray(String[]::new);
        p.tags = lower(in.tags());
        p.customerTags = lower(in.customerTags());
        p.calendarId = in.calendarId();
        p.firstResponseSeconds = seconds(in.firstResponse());
        p.firstResponseBusiness = business(in.firstResponse());
        p.firstResponseSameDay = in.firstResponse() != null && Boolean.TRUE.equals(in.firstResponse().sameBusinessDay());
        p.nextReplySeconds = seconds(in.nextReply());
        p.nextReplyBusiness = business(in.nextReply());
        p.resolutionSeconds = seconds(in.resolution());
        p.resolutionBusiness = business(in.resolution());
        p.warnAtPercent = in.warnAtPercent() != null ? in.warnAtPercent() : 75;
        SlaPolicyInput.Escalation e = in.escalation();
        p.escalatePriority = e != null && Boolean.TRUE.equals(e.raisePriority());
        p.escalateTeam = e == null ? null : e.team();
        p.notifySupervisors = e != null && Boolean.TRUE.equals(e.notifySupervisors());
        p.updatedAt = CalendarService.now();
    }

    private static Integer seconds(Target t) {
        return t == null || t.minutes() == null ? null : t.minutes() * 60;
    }

    /** Business hours unless said otherwise: that is how help desks state their promises. */
    private static boolean business(Target t) {
        return t == null || t.businessHours() == null || t.businessHours();
    }

    private static String[] lower(List<String> values) {
        return values == null ? new String[0] : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    private Uni<Void> published(SlaPolicy p, boolean deleted) {
        return outbox.append(p.tenant, TicketEvents.SLA_POLICY_UPDATED, p.id.toString(), SlaMapper.toEvent(p, deleted)).replaceWithVoid();
    }
}
