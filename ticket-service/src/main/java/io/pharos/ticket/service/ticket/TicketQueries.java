package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.sla.SlaClocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.paging.Cursor;
import io.pharos.ticket.api.HistoryEntryDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.Page;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.api.TicketFilter;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.MessageTrail;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.MessageTrailRepository;
import io.pharos.ticket.service.attachment.AttachmentViews;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Tickets, their conversations and their trails as agents and integrators read them. */
@ApplicationScoped
public class TicketQueries {

    public static final int MAX_PAGE = 100;

    private final TicketRepository tickets;
    private final MessageRepository messages;
    private final MessageTrailRepository trails;
    private final AuditTrail audit;
    private final SlaClocks sla;
    private final TimeSource time;
    private final AttachmentViews views;

    public TicketQueries(TicketRepository tickets, MessageRepository messages, MessageTrailRepository trails, AuditTrail audit, SlaClocks sla,
            TimeSource time, AttachmentViews views) {
        this.views = views;
        this.trails = trails;
        this.tickets = tickets;
        this.messages = messages;
        this.audit = audit;
        this.sla = sla;
        this.time = time;
    }

    /** One ticket, with where its SLA clocks stand. */
    @WithSession
    public Uni<TicketDto> get(String tenant, UUID id) {
        return tickets.require(tenant, id).map(TicketMapper::toDto)
                .flatMap(t -> sla.statusOf(tenant, List.of(t.id()), time.now()).map(status -> t.withSla(status.get(t.id()))));
    }

    @WithSession
    public Uni<Page<TicketDto>> list(String tenant, TicketFilter filter, String cursor, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Cursor after = Cursor.decode(cursor);
        boolean feed = filter.updatedSince() != null;
        StringBuilder q = new StringBuilder("tenant = :tenant");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tenant", tenant);
        and(q, p, "status = :status", "status", filter.status());
        and(q, p, "assigneeId = :assignee", "assignee", filter.assigneeId());
        and(q, p, "requesterId = :requester", "requester", filter.requesterId());
        and(q, p, "externalId = :externalId", "externalId", filter.externalId());
        and(q, p, "channel = :channel", "channel", filter.channel());
        and(q, p, "team = :team", "team", filter.team());
        and(q, p, "array_contains(tags, :tag)", "tag", filter.tag());
        // search_text (V6__search_without_accents.sql) folds case by ICU and drops accents, on both sides; trigram indexes
        and(q, p, "(function('search_text' as String, subject) like function('search_text' as String, :search) or id in (select m.ticketId"
                + " from Message m where m.tenant = :tenant and function('search_text' as String, m.bodyText) like function('search_text' as String, :search)))",
                "search", filter.search() == null ? null : "%" + filter.search().replace("%", "\\%").replace("_", "\\_") + "%");
        if (feed) {
            q.append(" and updatedAt >= :since");
            p.put("since", filter.updatedSince());
            if (after != null) {
                q.append(" and (updatedAt > :afterAt or (updatedAt = :afterAt and id > :afterId))");
            }
            q.append(" order by updatedAt asc, id asc");
        } else {
            if (after != null) {
                q.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            }
            q.append(" order by createdAt desc, id desc");
        }
        if (after != null) {
            p.put("afterAt", after.at());
            p.put("afterId", after.id());
        }
        // one more than asked for tells whether a next page exists (Panache ranges are inclusive)
        return tickets.find(q.toString(), p).range(0, size).list().map(fetched -> {
            List<Ticket> found = fetched.size() > size ? fetched.subList(0, size) : fetched;
            String next = null;
            if (fetched.size() > size) {
                Ticket last = found.get(found.size() - 1);
                next = new Cursor(feed ? last.updatedAt : last.createdAt, last.id).encode();
            }
            return new Page<>(found.stream().map(TicketMapper::toDto).toList(), next);
        });
    }

    /** Adds a filter clause when its value is given. */
    private static void and(StringBuilder query, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            query.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    /** Several tickets' conversations in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<MessageDto>>> messagesOf(String tenant, List<UUID> ticketIds, boolean includeInternal) {
        return messages.forTickets(tenant, ticketIds, includeInternal).flatMap(list -> withTrails(tenant, list))
                .map(list -> list.stream().collect(Collectors.groupingBy(MessageDto::ticketId)));
    }

    /** Several customers' tickets, newest first, in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<TicketDto>>> ofRequesters(String tenant, List<UUID> requesterIds) {
        return tickets.list("tenant = ?1 and requesterId in ?2 order by createdAt desc, id desc", tenant, requesterIds)
                .map(list -> list.stream().map(TicketMapper::toDto)
                        .collect(Collectors.groupingBy(TicketDto::requesterId)));
    }

    @WithSession
    public Uni<List<TicketDto>> byIds(String tenant, List<UUID> ids) {
        return tickets.list("tenant = ?1 and id in ?2", tenant, ids).map(list -> list.stream().map(TicketMapper::toDto).toList());
    }

    @WithSession
    public Uni<List<MessageDto>> messages(String tenant, UUID ticketId, boolean includeInternal) {
        return tickets.require(tenant, ticketId).flatMap(t -> messages.forTickets(tenant, List.of(t.id), includeInternal))
                .flatMap(list -> withTrails(tenant, list));
    }

    /** The messages with their delivery steps, revisions, reactions and files, in their order. */
    private Uni<List<MessageDto>> withTrails(String tenant, List<Message> list) {
        return trails.of(tenant, list.stream().map(m -> m.id).toList())
                .map(byMessage -> list.stream().map(m -> {
                    MessageTrail trail = byMessage.getOrDefault(m.id, MessageTrail.NONE);
                    return TicketMapper.toDto(m, trail, views.toDtos(trail.attachments()));
                }).toList());
    }

    /** Who changed what and when, oldest first. */
    @WithSession
    public Uni<List<HistoryEntryDto>> history(String tenant, UUID ticketId) {
        return tickets.require(tenant, ticketId).flatMap(t -> audit.historyOf(tenant, List.of(t.id)))
                .map(byTicket -> byTicket.getOrDefault(ticketId, List.of()));
    }

    /** Several tickets' trails in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<HistoryEntryDto>>> historyOf(String tenant, List<UUID> ticketIds) {
        return audit.historyOf(tenant, ticketIds);
    }
}
