package io.pharos.ticket.service.ticket;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.HtmlSanitizer;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.attachment.ReplyAttachments;
import io.pharos.ticket.service.sla.SlaClocks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.ticket.MessageSnapshot;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.contracts.ticket.TicketMessageAdded;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.api.Live;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.MessageTrail;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.mapping.TemplateColumn;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.MessageTrailRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A ticket's conversation: a message added, what it means for the ticket (first reply, reopen, SLA
 * clocks) and an agent's public reply handed to channel-gateway for delivery.
 */
@ApplicationScoped
public class Conversation {

    private final TicketRepository tickets;
    private final MessageRepository messages;
    private final AuditTrail audit;
    private final SlaClocks sla;
    private final StatusChanges statuses;
    private final TicketEventPublisher events;
    private final TimeSource time;
    private final Validator validator;
    private final ReplyDelivery delivery;
    private final MessageTrailRepository trails;
    private final ReplyAttachments files;

    public Conversation(TicketRepository tickets, MessageRepository messages, AuditTrail audit, SlaClocks sla, StatusChanges statuses,
            TicketEventPublisher events, TimeSource time, Validator validator, ReplyDelivery delivery, MessageTrailRepository trails,
            ReplyAttachments files) {
        this.files = files;
        this.validator = validator;
        this.delivery = delivery;
        this.trails = trails;
        this.tickets = tickets;
        this.messages = messages;
        this.audit = audit;
        this.sla = sla;
        this.statuses = statuses;
        this.events = events;
        this.time = time;
    }

    /** A live reply, note or customer message (REST, GraphQL): in server time, never a client's (see {@link Live}). */
    @WithTransaction
    public Uni<MessageDto> addMessage(String tenant, UUID ticketId, MessageInput given, Actor actor) {
        MessageInput input = ControlText.of(given);
        try {
            Validation.valid(validator, input, "Invalid message", Live.class);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<Message> taken = input.externalId() == null ? Uni.createFrom().nullItem() : messages.findByExternalId(tenant, input.externalId());
        return taken.flatMap(existing -> existing != null
                ? Uni.createFrom().failure(ProblemException.conflict("message-exists",
                        "A message with externalId " + input.externalId() + " already exists: " + existing.id))
                : tickets.require(tenant, ticketId)).flatMap(t -> {
            if (t.status == TicketStatus.CLOSED) {
                return Uni.createFrom().failure(ProblemException.conflict("ticket-closed",
                        "Ticket " + t.number + " is closed; a follow-up needs a new ticket."));
            }
            Instant at = time.now().truncatedTo(ChronoUnit.MICROS);
            return append(t, input, author(input, actor, t), at, Delivery.LIVE, m -> {
            }).flatMap(m -> tickets.flush().flatMap(v -> m.files == 0 ? Uni.createFrom().item(List.<AttachmentDto> of())
                    : files.ofMessage(tenant, m.id)).map(attached -> TicketMapper.toDto(m, MessageTrail.NONE, attached)));
        });
    }

    /** Adds a message and applies what it means for the ticket (first reply, reopen, delivery). */
    public Uni<Message> append(Ticket t, MessageInput input, Actor author, Instant at, boolean deliver) {
        return append(t, input, author, at, deliver, m -> {
        });
    }

    /**
     * As above; {@code details} fills in what only the caller knows (provider ids, attachments). A
     * message needs text or html unless {@code details} gave it attachments, a location or a contact
     * card (a customer's photo without a caption is a message, with empty text).
     */
    public Uni<Message> append(Ticket t, MessageInput input, Actor author, Instant at, boolean deliver, Consumer<Message> details) {
        return append(t, input, author, at, deliver ? Delivery.REQUESTED : Delivery.NONE, details);
    }

    /** Whether an agent's public reply is handed to channel-gateway, and whether Meta's window applies to it. */
    private enum Delivery {
        /** stored as delivered (history, a channel's own message) */
        NONE,
        /** delivered, whenever it was written (the first message of a ticket an agent opens) */
        REQUESTED,
        /** an agent's reply of now: delivered if the customer-service window allows it */
        LIVE
    }

    private Uni<Message> append(Ticket t, MessageInput input, Actor author, Instant at, Delivery delivering, Consumer<Message> details) {
        boolean deliver = delivering != Delivery.NONE;
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.tenant = t.tenant;
        m.ticketId = t.id;
        m.externalId = input.externalId();
        m.authorKind = author.kind();
        m.authorId = author.id();
        m.visibility = input.visibility() != null ? input.visibility() : Visibility.PUBLIC;
        if (m.authorKind == AuthorKind.CUSTOMER && m.visibility == Visibility.INTERNAL) {
            return Uni.createFrom().failure(ProblemException.badRequest("customer-internal-note",
                    "A customer message is always public."));
        }
        boolean agentPublic = m.authorKind == AuthorKind.AGENT && m.visibility == Visibility.PUBLIC;
        if (!(agentPublic && deliver) && (input.channelId() != null || input.cc() != null || input.bcc() != null || input.template() != null)) {
            return Uni.createFrom().failure(ProblemException.badRequest("reply-options",
                    "channelId, cc, bcc and template are for an agent's public reply."));
        }
        m.bodyHtml = input.template() != null ? null : ControlCharacters.strip(HtmlSanitizer.sanitize(input.html()));
        // a template's text is composed by the provider; until its delivery report tells it, the agent reads what was sent
        m.bodyText = input.template() != null ? input.template().placeholder()
                : ControlCharacters.strip(input.text() != null && !input.text().isBlank() ? input.text() : HtmlSanitizer.text(m.bodyHtml));
        m.channel = t.channel;
        m.createdAt = at;
        details.accept(m);
        List<UUID> attachmentIds = input.attachmentIds() == null ? List.of() : input.attachmentIds();
        if (!attachmentIds.isEmpty() && m.authorKind != AuthorKind.AGENT) {
            return Uni.createFrom().failure(ProblemException.badRequest("attachments-agents-only",
                    "attachmentIds are for an agent's reply or note; a customer's files come with their message from the channel."));
        }
        m.files += attachmentIds.size();
        if (input.template() == null && (input.text() == null || input.text().isBlank()) && (input.html() == null || input.html().isBlank())
                && m.attachments == null && m.files == 0) {
            return Uni.createFrom().failure(ProblemException.badRequest("empty-message",
                    "A message needs text or html, attachments (attachmentIds) or, from a channel, a location or a contact."));
        }
        if (m.bodyText == null) {
            m.bodyText = ""; // media only: the text column is never null
        }
        return files.uploads(t.tenant, attachmentIds).flatMap(uploads -> {
            if (!(agentPublic && deliver)) {
                return store(t, m, author, at, deliver, null, uploads);
            }
            return planned(t, m, input, author, at, delivering, uploads);
        });
    }

    /** An agent's public reply: how it is delivered, and whether its channel carries its files. */
    private Uni<Message> planned(Ticket t, Message m, MessageInput input, Actor author, Instant at, Delivery delivering,
            List<Attachment> uploads) {
        return delivery.plan(t, input, at, delivering == Delivery.LIVE).flatMap(plan -> {
            files.checkChannel(plan.channel(), plan.channelId(), uploads);
            m.channelId = plan.channelId();
            if (t.channel == Channel.PHONE) {
                m.channel = plan.channel(); // a call is answered by text message
            }
            m.cc = plan.cc().isEmpty() ? null : plan.cc().toArray(String[]::new);
            m.bcc = plan.bcc().isEmpty() ? null : plan.bcc().toArray(String[]::new);
            m.template = TemplateColumn.toJson(plan.template());
            return store(t, m, author, at, true, plan, uploads);
        });
    }

    /** Stores the message and applies what it means for the ticket; a {@code plan} asks for its delivery. */
    private Uni<Message> store(Ticket t, Message m, Actor author, Instant at, boolean deliver, ReplyDelivery.Plan plan,
            List<Attachment> uploads) {
        boolean agentPublic = m.authorKind == AuthorKind.AGENT && m.visibility == Visibility.PUBLIC;
        boolean firstReply = agentPublic && t.firstPublicReplyAt == null;
        if (agentPublic) {
            m.deliveryStatus = deliver ? DeliveryStatus.PENDING : DeliveryStatus.DELIVERED;
        }
        if (firstReply) {
            t.firstPublicReplyAt = at;
        }
        TicketStatus before = t.status;
        if (agentPublic && before == TicketStatus.NEW) {
            t.status = TicketStatus.OPEN;
        } else if (m.authorKind == AuthorKind.CUSTOMER && before != TicketStatus.NEW && before != TicketStatus.OPEN) {
            t.status = TicketStatus.OPEN; // the customer answered: pending, on hold and solved tickets need attention again
        }
        t.updatedAt = TicketRules.later(t.updatedAt, at);
        MessageSnapshot added = EventData.message(m, firstReply);
        return messages.persist(m)
                .flatMap(v -> files.link(t.tenant, uploads, t.id, m.id, at))
                .flatMap(v -> agentPublic && deliver ? trails.add(DeliveryStatuses.pending(m, at)) : Uni.createFrom().voidItem())
                .flatMap(v -> audit.record(t.tenant, t.id, null, author, "message.added",
                        Map.of("message", m.id.toString(), "visibility", m.visibility.name(), "author", m.authorKind.name())))
                .flatMap(v -> statuses.changed(t, before, author, at))
                .flatMap(v -> sla.messageAdded(t, agentPublic, m.authorKind == AuthorKind.CUSTOMER, at))
                .flatMap(v -> events.withClocks(t, TicketEvents.TICKET_MESSAGE_ADDED,
                        clocks -> new TicketMessageAdded(added, EventData.ticket(t), clocks)))
                .flatMap(v -> plan != null ? delivery.request(t, m, plan, ReplyAttachments.outbound(uploads)) : Uni.createFrom().voidItem())
                .replaceWith(m);
    }

    /**
     * Who a message is from: agents write as themselves; an integrator relays the customer's
     * words unless it says otherwise (e.g. importing an agent's reply).
     */
    private static Actor author(MessageInput input, Actor caller, Ticket t) {
        if (!caller.integrator()) {
            return caller;
        }
        return firstMessageActor(input, caller, t);
    }

    /**
     * Who wrote a message a ticket is created or imported with, by what the message says; an imported
     * message may name its agent or bot ({@code authorId}, checked by the import), live ones never do.
     */
    static Actor firstMessageActor(MessageInput message, Actor creator, Ticket t) {
        AuthorKind kind = message.author() != null ? message.author() : AuthorKind.CUSTOMER;
        return switch (kind) {
            case AGENT -> message.authorId() != null ? new Actor(AuthorKind.AGENT, message.authorId(), null, false)
                    : creator.kind() == AuthorKind.AGENT ? creator : new Actor(AuthorKind.AGENT, null, creator.name(), true);
            case SYSTEM -> Actor.system();
            case BOT -> new Actor(AuthorKind.BOT, message.authorId(), message.authorId() == null ? "bot" : null, false);
            case CUSTOMER -> new Actor(AuthorKind.CUSTOMER, t.requesterId.toString(), null, false);
        };
    }
}
