package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.List;

import io.pharos.contracts.Channel;
import io.pharos.contracts.ticket.AgentAvailability;
import io.pharos.contracts.ticket.AgentAvailabilityChanged;
import io.pharos.contracts.ticket.AuthorKind;
import io.pharos.contracts.ticket.CustomerSnapshot;
import io.pharos.contracts.ticket.IdentityType;
import io.pharos.contracts.ticket.Lifecycle;
import io.pharos.contracts.ticket.MessageSnapshot;
import io.pharos.contracts.ticket.Priority;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.contracts.ticket.SlaState;
import io.pharos.contracts.ticket.SlaTarget;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatus;
import io.pharos.contracts.ticket.Visibility;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.InboundMessage;
import io.pharos.ticket.domain.Agent;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.Ticket;

/**
 * The denormalised snapshots events carry (io.pharos.contracts.ticket), so that a consumer never
 * calls ticket-service back. The contract's enums have the names of the domain's.
 */
public final class EventData {

    private EventData() {
    }

    /** The ticket as it stands now: a copy, later changes to {@code t} do not reach it. */
    public static TicketSnapshot ticket(Ticket t) {
        return new TicketSnapshot(t.id, t.number, t.externalId, t.subject, status(t.status), priority(t.priority), Channel.of(t.channel),
                t.requesterId, t.assigneeId, t.team, List.copyOf(Arrays.asList(t.tags)), t.language, t.createdAt, t.updatedAt,
                t.firstPublicReplyAt, t.firstSolvedAt, t.solvedAt, t.closedAt, t.reopenCount, authorKind(t.openedBy));
    }

    /** One SLA clock: its outcome so far ({@code met}, {@code breached}, running or paused, {@code none}). */
    public static SlaClockSnapshot slaClock(SlaClock c) {
        return new SlaClockSnapshot(SlaTarget.valueOf(c.target.name()), c.policyId, c.policyName, SlaState.valueOf(c.state.name()),
                c.dueAt, c.fulfilledAt, c.everBreached, c.updatedAt);
    }

    public static MessageSnapshot message(Message msg, boolean firstPublicAgentReply) {
        return new MessageSnapshot(msg.id, authorKind(msg.authorKind), msg.authorId,
                Visibility.valueOf(msg.visibility.name()), Channel.of(msg.channel), msg.createdAt, firstPublicAgentReply,
                msg.providerMessageId);
    }

    public static CustomerSnapshot customer(Customer c, List<CustomerIdentity> identities) {
        return new CustomerSnapshot(c.id, c.externalId, c.name, c.language, c.timeZone, lifecycle(c.lifecycle), c.churnedOn,
                c.createdAt, c.updatedAt, identities.stream().filter(i -> i.verified) // other services may mail what they see
                        .map(i -> new CustomerSnapshot.Identity(IdentityType.valueOf(i.type.name()), i.value)).toList());
    }

    public static AgentAvailabilityChanged agentAvailability(Agent a) {
        return new AgentAvailabilityChanged(new AgentAvailabilityChanged.Agent(a.id, a.username, a.team,
                AgentAvailability.valueOf(a.availability.name()), a.active, a.availabilityChangedAt));
    }

    /** Where an inbound ticket came from, for {@code pharos.ticket.created}: channel-gateway acknowledges with it. */
    public static TicketCreated.Source source(InboundMessage in) {
        IdentityInput f = in.from();
        TicketCreated.Sender from = f == null ? null
                : new TicketCreated.Sender(f.name(), f.email(), f.phone(), f.whatsapp(), f.telegram(), f.messenger(), f.instagram(),
                        f.chat(), f.externalId(), f.language());
        return new TicketCreated.Source(in.channelId(), in.providerMessageId(), in.conversationKey(), from, subject(in.subject()),
                in.email() != null ? in.email().messageId() : null);
    }

    /** A ticket subject may hold 500 characters; what a channel brings (a mail's Subject header) is cut to fit, never refused. */
    public static final int MAX_SUBJECT = 500;

    public static String subject(String subject) {
        if (subject == null || subject.length() <= MAX_SUBJECT) {
            return subject;
        }
        int end = Character.isHighSurrogate(subject.charAt(MAX_SUBJECT - 2)) ? MAX_SUBJECT - 2 : MAX_SUBJECT - 1;
        return subject.substring(0, end) + "…";
    }

    public static AuthorKind authorKind(io.pharos.ticket.domain.AuthorKind kind) {
        return kind == null ? null : AuthorKind.valueOf(kind.name());
    }

    public static TicketStatus status(io.pharos.ticket.domain.TicketStatus status) {
        return TicketStatus.valueOf(status.name());
    }

    public static Priority priority(io.pharos.ticket.domain.Priority priority) {
        return Priority.valueOf(priority.name());
    }

    public static Lifecycle lifecycle(io.pharos.ticket.domain.Lifecycle lifecycle) {
        return lifecycle == null ? null : Lifecycle.valueOf(lifecycle.name());
    }
}
