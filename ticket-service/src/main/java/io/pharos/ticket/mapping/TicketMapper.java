package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.List;

import io.pharos.ticket.api.CallbackDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.ParticipantDto;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.Callback;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Participant;
import io.pharos.ticket.domain.Ticket;

public final class TicketMapper {

    private TicketMapper() {
    }

    public static TicketDto toDto(Ticket t) {
        return new TicketDto(t.id, t.number, t.externalId, t.subject, t.status, t.priority, t.channel, t.requesterId,
                t.assigneeId, t.team, Arrays.asList(t.tags), t.language, t.createdAt, t.updatedAt, t.firstPublicReplyAt,
                t.solvedAt, t.closedAt, t.reopenCount, t.version, null, t.openedBy);
    }

    public static MessageDto toDto(Message m) {
        MessageMedia media = MessageMedia.of(m.attachments);
        return new MessageDto(m.id, m.ticketId, m.externalId, m.authorKind, m.authorId, m.visibility, m.bodyText,
                m.bodyHtml, m.channel, m.deliveryStatus, m.createdAt, media.attachments(), media.location(), media.contact(), m.channelId,
                m.cc == null ? List.of() : List.of(m.cc), m.bcc == null ? List.of() : List.of(m.bcc), TemplateColumn.of(m.template));
    }

    public static ParticipantDto toDto(Participant p) {
        return new ParticipantDto(p.address, p.name, p.source, p.addedAt);
    }

    public static CallbackDto toDto(Callback c) {
        return new CallbackDto(c.id, c.ticketId, c.assigneeId, c.dueAt, c.note, c.status, c.outcome, c.outcomeNote, c.createdAt,
                c.completedAt);
    }
}
