package io.pharos.ticket.service.inbound;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.HtmlSanitizer;
import io.pharos.ticket.service.customer.CustomerService;
import io.pharos.ticket.service.ticket.Conversation;
import io.pharos.ticket.service.ticket.Participants;
import io.pharos.ticket.service.ticket.TicketCreation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.mapping.MessageMedia;
import io.pharos.ticket.repository.AgentRepository;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Puts a customer's inbound message where the agent expects it: into the open ticket of the same
 * conversation (email In-Reply-To/References from its requester, a participant or an agent, or
 * [#number] in the subject from its requester; same chat session or phone/social identity within the
 * threading window), or into a new ticket. An email's Cc and Reply-To join the ticket as participants. A provider's retry
 * of a message already taken changes nothing.
 */
@ApplicationScoped
public class InboundService {

    private static final Logger LOG = Logger.getLogger(InboundService.class);
    private static final Pattern TICKET_TOKEN = Pattern.compile("\\[#(\\d{1,12})]");

    private final TicketRepository tickets;
    private final MessageRepository messages;
    private final CustomerService customers;
    private final TicketCreation creation;
    private final Conversation conversation;
    private final Duration window;
    private final Participants participants;
    private final AgentRepository agents;
    private final InboundAttachments files;

    public InboundService(TicketRepository tickets, MessageRepository messages, CustomerService customers, TicketCreation creation,
            Conversation conversation, @ConfigProperty(name = "pharos.threading.window", defaultValue = "P3D") Duration window,
            Participants participants, AgentRepository agents, InboundAttachments files) {
        this.files = files;
        this.participants = participants;
        this.agents = agents;
        this.tickets = tickets;
        this.messages = messages;
        this.customers = customers;
        this.creation = creation;
        this.conversation = conversation;
        this.window = window;
    }

    /** What became of an inbound message. */
    public record Outcome(UUID ticketId, UUID messageId, boolean newTicket, boolean duplicate) {
    }

    @WithTransaction
    public Uni<Outcome> receive(String tenant, InboundMessage in) {
        validate(in);
        Uni<Message> seen = in.providerMessageId() == null ? Uni.createFrom().nullItem()
                : messages.findByProviderId(tenant, in.channel(), in.providerMessageId());
        return seen.flatMap(existing -> {
            if (existing != null) {
                LOG.debugf("duplicate %s message %s ignored", in.channel(), in.providerMessageId());
                return Uni.createFrom().item(new Outcome(existing.ticketId, existing.id, false, true));
            }
            Instant at = (in.receivedAt() != null ? in.receivedAt() : Instant.now()).truncatedTo(ChronoUnit.MICROS);
            Actor system = Actor.system();
            return customers.resolve(tenant, in.from(), in.claimed(), system, at)
                    .flatMap(requester -> findThread(tenant, in, requester.customer().id, at)
                            .flatMap(thread -> thread != null
                                    ? append(thread.ticket(), in, at, thread.author()).map(m -> new Outcome(thread.ticket().id, m.id, false, false))
                                    : open(tenant, in, requester, at)));
        });
    }

    private Uni<Outcome> open(String tenant, InboundMessage in, CustomerService.Resolved requester, Instant at) {
        // bounded like every other subject: a huge Subject header must not make the ticket's events too large to publish
        String subject = in.subject() != null && !in.subject().isBlank() ? EventData.subject(in.subject().strip()) : summary(in);
        CreateTicketRequest create = new CreateTicketRequest(subject, in.channel(), null, in.from(), null, null, at, null, null,
                in.language());
        // the requester as resolved above: resolving again would take a claimed address for proof
        return creation.createInTransaction(tenant, create, Actor.system(), EventData.source(in), firstText(in), requester)
                .flatMap(dto -> tickets.findInTenant(tenant, dto.id()))
                .flatMap(t -> {
                    t.conversationKey = in.conversationKey();
                    return append(t, in, at, requesterOf(t)).map(m -> new Outcome(t.id, m.id, true, false));
                });
    }

    private Uni<Message> append(Ticket t, InboundMessage in, Instant at, Actor author) {
        // a pressed button with no words of its own reads as its title
        String text = (in.text() == null || in.text().isBlank()) && in.interactive() != null ? in.interactive() : in.text();
        MessageInput input = new MessageInput(text, in.html(), Visibility.PUBLIC, author.kind(), at, null);
        InboundMessage.Email email = in.email();
        return conversation.append(t, input, author, at, false, m -> {
            m.providerMessageId = in.providerMessageId();
            m.channel = in.channel();
            m.channelId = in.channelId();
            m.emailMessageId = email != null ? email.messageId() : null;
            // the files are rows of their own (InboundAttachments): the column keeps the rest of what came
            m.attachments = new MessageMedia(null, in.location(), in.contact(), in.interactiveReply(), in.forwarded()).toJson();
            m.files = in.attachments() == null ? 0 : in.attachments().size();
            m.sentAt = in.sentAt() == null ? null : in.sentAt().truncatedTo(ChronoUnit.MICROS);
            if (email != null) {
                m.cc = addresses(email.cc()).toArray(String[]::new);
                m.replyTo = addresses(email.replyTo()).stream().findFirst().orElse(null);
            }
        }).flatMap(m -> files.ofMessage(m, in.attachments()).replaceWith(m))
                .flatMap(m -> email == null ? Uni.createFrom().item(m)
                : participants.fromEmail(t, in.from().email(), email.to(), named(email.cc()), named(email.replyTo()), at).replaceWith(m));
    }

    /** The ticket a message continues and who writes in it: its requester, a participant or an agent. */
    record Thread(Ticket ticket, Actor author) {
    }

    private static Actor requesterOf(Ticket t) {
        return new Actor(AuthorKind.CUSTOMER, t.requesterId.toString(), null, false);
    }

    /** The open ticket this message continues, or null for a new conversation. */
    Uni<Thread> findThread(String tenant, InboundMessage in, UUID customerId, Instant at) {
        return ticketOf(tenant, in, customerId, at).flatMap(t -> t == null ? Uni.createFrom().nullItem()
                : t.requesterId.equals(customerId) ? Uni.createFrom().item(new Thread(t, requesterOf(t)))
                : joining(t, in, customerId));
    }

    /**
     * Someone other than the requester writing into an email thread: a participant writes as
     * themselves (a customer), an agent of the tenant as an agent; anyone else is refused.
     */
    private Uni<Thread> joining(Ticket t, InboundMessage in, UUID customerId) {
        String address = in.from().email();
        if (address == null) {
            return Uni.createFrom().nullItem();
        }
        return agents.find("tenant = ?1 and active = true and lower(email) = ?2", t.tenant, address.strip().toLowerCase(java.util.Locale.ROOT))
                .firstResult().flatMap(agent -> agent != null
                        ? Uni.createFrom().item(new Thread(t, new Actor(AuthorKind.AGENT, agent.id, agent.username, false)))
                        : participants.takesPart(t, address).map(yes -> yes
                                ? new Thread(t, new Actor(AuthorKind.CUSTOMER, customerId.toString(), null, false)) : null));
    }

    /** The open ticket this message's headers, subject or conversation point to; an email's sender is checked by the caller. */
    private Uni<Ticket> ticketOf(String tenant, InboundMessage in, UUID customerId, Instant at) {
        if (in.channel() == Channel.EMAIL) {
            List<String> ids = new ArrayList<>();
            if (in.email() != null) {
                if (in.email().inReplyTo() != null) {
                    ids.add(in.email().inReplyTo());
                }
                if (in.email().references() != null) {
                    ids.addAll(in.email().references());
                }
            }
            // headers thread a reply only from someone who belongs to the ticket (its requester first, see findThread): anyone
            // who saw a Message-ID (a forwarded mail) could otherwise write into a customer's ticket; a stranger starts a
            // conversation of their own
            Uni<Ticket> byHeaders = ids.isEmpty() ? Uni.createFrom().nullItem()
                    : tickets.find("from Ticket t where t.tenant = ?1 and t.id in (select m.ticketId from Message m"
                            + " where m.tenant = ?1 and m.emailMessageId in ?2) order by case when t.requesterId = ?3 then 0 else 1 end,"
                            + " t.updatedAt desc", tenant, ids, customerId).firstResult();
            return byHeaders.flatMap(t -> t != null ? Uni.createFrom().item(t) : byToken(tenant, in.subject(), customerId))
                    .map(t -> t != null && t.status != TicketStatus.CLOSED ? t : null);
        }
        if (in.conversationKey() == null) {
            return Uni.createFrom().nullItem();
        }
        return tickets.find("tenant = ?1 and conversationKey = ?2 and channel = ?3 and status <> ?4 and updatedAt >= ?5"
                + " order by updatedAt desc", tenant, in.conversationKey(), in.channel(), TicketStatus.CLOSED, at.minus(window))
                .firstResult();
    }

    /** "[#1042]" in a subject names a ticket, but only one of this same customer: a token is not a key. */
    private Uni<Ticket> byToken(String tenant, String subject, UUID customerId) {
        if (subject == null) {
            return Uni.createFrom().nullItem();
        }
        Matcher m = TICKET_TOKEN.matcher(subject);
        if (!m.find()) {
            return Uni.createFrom().nullItem();
        }
        return tickets.find("tenant = ?1 and number = ?2 and requesterId = ?3", tenant, Long.parseLong(m.group(1)), customerId)
                .firstResult();
    }

    private static List<String> addresses(List<InboundMessage.Mailbox> mailboxes) {
        return mailboxes == null ? List.of() : mailboxes.stream().filter(b -> b.address() != null && !b.address().isBlank())
                .map(b -> b.address().strip()).toList();
    }

    private static List<Participants.Named> named(List<InboundMessage.Mailbox> mailboxes) {
        return mailboxes == null ? List.of() : mailboxes.stream().map(b -> new Participants.Named(b.name(), b.address())).toList();
    }

    private static void validate(InboundMessage in) {
        if (in.channel() == null || in.from() == null) {
            throw ProblemException.badRequest("invalid-inbound-message", "channel and from are required");
        }
        if ((in.text() == null || in.text().isBlank()) && (in.html() == null || in.html().isBlank()) && !in.hasContent()) {
            throw ProblemException.badRequest("invalid-inbound-message",
                    "an inbound message needs text, html, attachments, a location, a contact, a pressed button or a forwarded mail");
        }
    }

    /** What the ticket's language and routing go by: the customer's words, and a forwarded mail's below them. */
    private static String firstText(InboundMessage in) {
        if (in.forwarded() == null || in.forwarded().text() == null || in.forwarded().text().isBlank()) {
            return in.text();
        }
        return in.text() == null || in.text().isBlank() ? in.forwarded().text() : in.text() + "\n\n" + in.forwarded().text();
    }

    private static String summary(InboundMessage in) {
        String text = in.text() != null && !in.text().isBlank() ? in.text() : HtmlSanitizer.text(in.html());
        if ((text == null || text.isBlank()) && in.forwarded() != null) {
            text = in.forwarded().subject() != null && !in.forwarded().subject().isBlank() ? in.forwarded().subject() : in.forwarded().text();
        }
        if ((text == null || text.isBlank()) && in.interactive() != null) {
            text = in.interactive();
        }
        if (text == null || text.isBlank()) {
            return in.location() != null ? "Shared location" : in.contact() != null ? "Shared contact" : "Message with attachments";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 77) + "…" : line;
    }
}
