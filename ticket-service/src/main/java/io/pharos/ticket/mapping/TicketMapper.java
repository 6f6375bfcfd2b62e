package io.pharos.ticket.mapping;

import java.util.Arrays;

import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.Message;
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
                m.bodyHtml, m.channel, m.deliveryStatus, m.createdAt, media.attachments(), media.location(), media.contact());
    }
}
