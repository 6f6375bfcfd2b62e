package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.List;

import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.api.CallbackDto;
import io.pharos.ticket.api.DeliveryDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.ParticipantDto;
import io.pharos.ticket.api.ReactionDto;
import io.pharos.ticket.api.RevisionDto;
import io.pharos.ticket.api.TicketDto;
import io.pharos.ticket.domain.Callback;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Participant;
import io.pharos.ticket.domain.MessageTrail;
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
        return toDto(m, MessageTrail.NONE);
    }

    /** With its files as kept before the attachment table (none for newer messages: see the overload with files). */
    public static MessageDto toDto(Message m, MessageTrail trail) {
        return toDto(m, trail, List.of());
    }

    /** {@code files}: its attachment rows as agents see them; a message from before the table reads its files from its JSON. */
    public static MessageDto toDto(Message m, MessageTrail trail, List<AttachmentDto> files) {
        MessageMedia media = MessageMedia.of(m.attachments);
        List<AttachmentDto> attachments = !files.isEmpty() || media.attachments() == null ? files
                : media.attachments().stream().map(TicketMapper::legacy).toList();
        DeliveryDto delivery = m.deliveryStatus == null ? null
                : new DeliveryDto(m.deliveryStatus, m.deliveryCode, m.deliveryReason, m.deliveryRecipient, m.deliveryUpdatedAt,
                        trail.steps().stream().map(s -> new DeliveryDto.DeliveryStepDto(s.status, s.code, s.reason, s.at)).toList());
        return new MessageDto(m.id, m.ticketId, m.externalId, m.authorKind, m.authorId, m.visibility, m.bodyText,
                m.bodyHtml, m.channel, m.deliveryStatus, m.createdAt, attachments, media.location(), media.contact(), m.channelId,
                m.cc == null ? List.of() : List.of(m.cc), m.bcc == null ? List.of() : List.of(m.bcc), TemplateColumn.of(m.template),
                m.sentAt, m.createdAt, delivery, m.editedAt,
                trail.revisions().stream().map(r -> new RevisionDto(r.text, r.replacedAt)).toList(),
                trail.reactions().stream().map(r -> new ReactionDto(r.emoji, r.authorKind, r.authorId, r.at)).toList(),
                media.interactive(), media.forwarded());
    }

    /**
     * A file kept in the message's JSON before the attachment table: downloadable at the link it had
     * (channel-gateway's path for email parts), else only known by the provider's reference.
     */
    static AttachmentDto legacy(MessageMedia.LegacyFile f) {
        boolean linked = f.url() != null && !f.url().isBlank();
        return new AttachmentDto(null, f.fileName(), f.contentType(), f.size(), null, linked ? AttachmentStatus.STORED : AttachmentStatus.FAILED,
                linked ? f.url() : null, linked ? null : "Received before the attachment store: only the provider's reference was kept.",
                f.kind(), false, null, null, f.reference());
    }

    public static ParticipantDto toDto(Participant p) {
        return new ParticipantDto(p.address, p.name, p.source, p.addedAt);
    }

    public static CallbackDto toDto(Callback c) {
        return new CallbackDto(c.id, c.ticketId, c.assigneeId, c.dueAt, c.note, c.status, c.outcome, c.outcomeNote, c.createdAt,
                c.completedAt);
    }
}
