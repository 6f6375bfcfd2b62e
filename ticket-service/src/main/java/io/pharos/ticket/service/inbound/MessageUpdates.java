package io.pharos.ticket.service.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.api.InboundEdit;
import io.pharos.ticket.api.InboundReaction;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.MessageReaction;
import io.pharos.ticket.domain.MessageRevision;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.MessageTrailRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.ticket.MessageChanges;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A customer's edits of and reactions to messages already in a ticket, named by the provider's id
 * of the message in the tenant and channel. An edit replaces a customer message's text and keeps
 * the one it replaced; an edit older than the one applied, or of a message never received, changes
 * nothing. A reaction is the requester's one emoji on a message (the channels that report them are
 * one-to-one conversations with the requester), replaced by a newer one, removed by none. Both are
 * audited and reach the live inbox.
 */
@ApplicationScoped
public class MessageUpdates {

    private static final Logger LOG = Logger.getLogger(MessageUpdates.class);

    private final MessageRepository messages;
    private final TicketRepository tickets;
    private final MessageTrailRepository trails;
    private final AuditTrail audit;
    private final MessageChanges changes;
    private final TimeSource time;

    public MessageUpdates(MessageRepository messages, TicketRepository tickets, MessageTrailRepository trails, AuditTrail audit,
            MessageChanges changes, TimeSource time) {
        this.messages = messages;
        this.tickets = tickets;
        this.trails = trails;
        this.audit = audit;
        this.changes = changes;
        this.time = time;
    }

    /** Answers whether the edit was applied. */
    @WithTransaction
    public Uni<Boolean> edited(String tenant, InboundEdit edit) {
        if (edit.channel() == null || edit.providerMessageId() == null || edit.text() == null || edit.editedAt() == null) {
            throw ProblemException.badRequest("invalid-message-edit", "channel, providerMessageId, text and editedAt are required");
        }
        Instant editedAt = edit.editedAt().truncatedTo(ChronoUnit.MICROS);
        return messages.findByProviderId(tenant, edit.channel(), edit.providerMessageId()).flatMap(m -> {
            if (m == null || m.authorKind != AuthorKind.CUSTOMER) {
                LOG.infof("edit of unknown %s message %s ignored", edit.channel(), edit.providerMessageId());
                return Uni.createFrom().item(false);
            }
            if (m.editedAt != null && !editedAt.isAfter(m.editedAt)) {
                LOG.debugf("edit of %s at %s is not newer than the one applied (%s): ignored", m.id, editedAt, m.editedAt);
                return Uni.createFrom().item(false);
            }
            MessageRevision revision = new MessageRevision();
            revision.id = UUID.randomUUID();
            revision.tenant = tenant;
            revision.messageId = m.id;
            revision.text = m.bodyText;
            revision.replacedAt = editedAt;
            m.bodyText = ControlCharacters.strip(edit.text());
            m.bodyHtml = null; // the provider sends the new text only
            m.editedAt = editedAt;
            return trails.add(revision)
                    .flatMap(v -> customer(m))
                    .flatMap(actor -> audit.record(tenant, m.ticketId, null, actor, "message.edited",
                            Map.of("message", m.id.toString(), "editedAt", editedAt.toString())))
                    .flatMap(v -> changes.record(m, MessageChanges.EDITED, null, time.now()))
                    .replaceWith(true);
        });
    }

    /** Answers whether the reaction changed anything. */
    @WithTransaction
    public Uni<Boolean> reacted(String tenant, InboundReaction reaction) {
        if (reaction.channel() == null || reaction.providerMessageId() == null || reaction.at() == null) {
            throw ProblemException.badRequest("invalid-message-reaction", "channel, providerMessageId and at are required");
        }
        Instant at = reaction.at().truncatedTo(ChronoUnit.MICROS);
        String emoji = reaction.emoji() == null || reaction.emoji().isBlank() ? null : ControlCharacters.strip(reaction.emoji().strip());
        return messages.findByProviderId(tenant, reaction.channel(), reaction.providerMessageId()).flatMap(m -> {
            if (m == null) {
                LOG.infof("reaction to unknown %s message %s ignored", reaction.channel(), reaction.providerMessageId());
                return Uni.createFrom().item(false);
            }
            return customer(m).flatMap(actor -> trails.reaction(m.id, AuthorKind.CUSTOMER, actor.id()).flatMap(existing -> {
                if (existing != null && !at.isAfter(existing.at)) {
                    return Uni.createFrom().item(false); // an older reaction arriving late, or the same again
                }
                if (existing == null && emoji == null) {
                    return Uni.createFrom().item(false);
                }
                Uni<Void> change;
                if (emoji == null) {
                    change = trails.remove(existing);
                } else if (existing != null) {
                    existing.emoji = emoji;
                    existing.at = at;
                    change = Uni.createFrom().voidItem();
                } else {
                    MessageReaction added = new MessageReaction();
                    added.messageId = m.id;
                    added.authorKind = AuthorKind.CUSTOMER;
                    added.authorId = actor.id();
                    added.tenant = tenant;
                    added.emoji = emoji;
                    added.at = at;
                    change = trails.add(added);
                }
                Map<String, Object> detail = new HashMap<>();
                detail.put("message", m.id.toString());
                detail.put("emoji", emoji);
                return change.flatMap(v -> audit.record(tenant, m.ticketId, null, actor, "message.reacted", detail))
                        .flatMap(v -> changes.record(m, MessageChanges.REACTED, null, time.now()))
                        .replaceWith(true);
            }));
        });
    }

    /** The ticket's requester, who edits and reacts on these one-to-one channels. */
    private Uni<Actor> customer(Message m) {
        return tickets.findInTenant(m.tenant, m.ticketId)
                .map((Ticket t) -> new Actor(AuthorKind.CUSTOMER, t.requesterId.toString(), null, false));
    }
}
