package io.pharos.ticket.service.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.OutboundAttachment;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TemplateUse;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Ticket;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * How an agent's public reply reaches the customer: on which channel and from which of the tenant's
 * accounts (the one the customer last wrote to, unless the agent chose another), to which address
 * with whom in copy, and whether Meta's rules allow it now. WhatsApp takes free-form replies only
 * within 24 hours of the customer's last message (afterwards only an approved template);
 * Messenger and Instagram up to 7 days, after 24 hours under the {@code HUMAN_AGENT} tag.
 */
@ApplicationScoped
public class ReplyDelivery {

    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final String HUMAN_AGENT = "HUMAN_AGENT";

    /** Everything the delivery request says besides the message itself. */
    record Plan(Channel channel, String channelId, MessageRequested.Recipient recipient, List<String> cc, List<String> bcc,
            TemplateUse template, String messageTag) {
    }

    private final Participants participants;
    private final OutboxWriter outbox;

    public ReplyDelivery(Participants participants, OutboxWriter outbox) {
        this.participants = participants;
        this.outbox = outbox;
    }

    /**
     * The plan for a reply written at {@code at}; {@code live}: an agent's reply of now, held to the
     * customer-service window (a ticket an agent opens, or history, is not).
     */
    Uni<Plan> plan(Ticket t, MessageInput input, Instant at, boolean live) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                // verified identities only: an address a visitor merely typed gets no replies (it may be somebody else's)
                "from CustomerIdentity where tenant = ?1 and customer.id = ?2 and verified = true order by createdAt", CustomerIdentity.class)
                .setParameter(1, t.tenant).setParameter(2, t.requesterId).getResultList()
                .flatMap(ids -> {
                    Channel channel = deliveryChannel(t.channel, ids);
                    if (input.template() != null && channel != Channel.WHATSAPP) {
                        return Uni.createFrom().failure(ProblemException.badRequest("template-not-whatsapp",
                                "A message template can only be sent on a WhatsApp ticket; this one is answered by " + channel + "."));
                    }
                    if ((notEmpty(input.cc()) || notEmpty(input.bcc())) && channel != Channel.EMAIL) {
                        return Uni.createFrom().failure(ProblemException.badRequest("copies-need-email",
                                "cc and bcc are for email replies; this ticket is answered by " + channel + "."));
                    }
                    return s.createSelectionQuery("from Message where tenant = ?1 and ticketId = ?2 and authorKind = ?3 and channel = ?4"
                            + " order by createdAt desc, id desc", Message.class)
                            .setParameter(1, t.tenant).setParameter(2, t.id).setParameter(3, AuthorKind.CUSTOMER).setParameter(4, channel)
                            .setMaxResults(1).getResultList()
                            .flatMap(last -> {
                                Message latest = last.isEmpty() ? null : last.get(0);
                                String tag;
                                try {
                                    tag = live && input.template() == null ? window(channel, latest, at) : null;
                                } catch (ProblemException e) {
                                    return Uni.createFrom().failure(e);
                                }
                                MessageRequested.Recipient to = recipient(t, ids, channel, latest);
                                String channelId = input.channelId() != null ? input.channelId() : latest == null ? null : latest.channelId;
                                if (channel != Channel.EMAIL) {
                                    return Uni.createFrom().item(new Plan(channel, channelId, to, List.of(), List.of(), input.template(), tag));
                                }
                                return participants.addresses(t).map(present -> copies(to.email(), present, input.cc(), input.bcc()))
                                        .map(copies -> new Plan(channel, channelId, to, copies.get(0), copies.get(1), null, null));
                            });
                }));
    }

    /** Asks channel-gateway to deliver the stored reply as planned. */
    Uni<Void> request(Ticket t, Message m, Plan plan, List<OutboundAttachment> files) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery("select emailMessageId from Message where tenant = ?1 and ticketId = ?2"
                + " and emailMessageId is not null order by createdAt", String.class)
                .setParameter(1, t.tenant).setParameter(2, t.id).getResultList())
                .flatMap(threadIds -> outbox.append(t.tenant, ChannelEvents.MESSAGE_REQUESTED, t.id.toString(),
                        new MessageRequested(m.id, t.id, t.number, m.id, io.pharos.contracts.Channel.of(plan.channel()), plan.recipient(),
                                "[#" + t.number + "] " + t.subject, m.bodyText, m.bodyHtml,
                                threadIds.isEmpty() ? null : threadIds.get(threadIds.size() - 1), threadIds, t.language, null,
                                plan.channelId(), plan.channel() == Channel.EMAIL ? plan.cc() : null,
                                plan.channel() == Channel.EMAIL ? plan.bcc() : null, template(plan.template()), plan.messageTag(),
                                files.isEmpty() ? null : files)))
                .replaceWithVoid();
    }

    /**
     * Meta's customer-service window, from the customer's last message on the channel: the tag the
     * reply is sent under (null: none needed), or a refusal once no free-form reply is allowed.
     */
    static String window(Channel channel, Message latest, Instant at) {
        Duration limit = switch (channel) {
            case WHATSAPP -> SERVICE_WINDOW;
            case MESSENGER, INSTAGRAM -> HUMAN_AGENT_WINDOW;
            default -> null;
        };
        if (limit == null) {
            return null;
        }
        // Meta counts from when the customer sent it: the provider's time (a phone that was offline delivers late)
        Instant wrote = latest == null ? null : latest.sentAt != null ? latest.sentAt : latest.createdAt;
        if (wrote == null || wrote.plus(limit).isBefore(at)) {
            throw outside(channel, wrote, limit);
        }
        return channel != Channel.WHATSAPP && wrote.plus(SERVICE_WINDOW).isBefore(at) ? HUMAN_AGENT : null;
    }

    private static ProblemException outside(Channel channel, Instant wrote, Duration limit) {
        String how = channel == Channel.WHATSAPP ? " Send an approved WhatsApp message template instead (\"template\")."
                : " Ask the customer to write again, or answer on another channel.";
        String detail = wrote == null ? "The customer has not written on " + channel + " in this conversation, so no free-form reply is allowed."
                : "The customer last wrote on " + channel + " at " + wrote + "; the window for free-form replies closed at " + wrote.plus(limit)
                        + ".";
        return ProblemException.unprocessable("outside_customer_service_window", detail + how);
    }

    /**
     * The requester and their oldest identity of each kind; an email goes to the Reply-To of the
     * customer's latest mail when it had one, an SMS answering a call to the number that called.
     */
    private static MessageRequested.Recipient recipient(Ticket t, List<CustomerIdentity> identities, Channel channel, Message latest) {
        String email = channel == Channel.EMAIL && latest != null && latest.replyTo != null ? latest.replyTo : first(identities, IdentityType.EMAIL);
        String phone = first(identities, IdentityType.PHONE);
        if (t.channel == Channel.PHONE && t.conversationKey != null && t.conversationKey.startsWith("phone:")) {
            String caller = t.conversationKey.substring("phone:".length());
            if (identities.stream().anyMatch(i -> i.type == IdentityType.PHONE && i.value.equals(caller))) {
                phone = caller;
            }
        }
        return new MessageRequested.Recipient(t.requesterId, email, phone, first(identities, IdentityType.WHATSAPP),
                first(identities, IdentityType.TELEGRAM), first(identities, IdentityType.MESSENGER), first(identities, IdentityType.INSTAGRAM),
                first(identities, IdentityType.CHAT));
    }

    private static String first(List<CustomerIdentity> identities, IdentityType type) {
        return identities.stream().filter(i -> i.type == type).map(i -> i.value).findFirst().orElse(null);
    }

    /** Reply-all: the participants and the agent's own Cc, then the Bcc; each address once, never the To. */
    static List<List<String>> copies(String to, List<String> participants, List<String> cc, List<String> bcc) {
        Set<String> seen = new LinkedHashSet<>();
        if (to != null) {
            seen.add(Participants.normalise(to));
        }
        List<String> copied = new ArrayList<>();
        for (String a : concat(participants, cc)) {
            if (seen.add(Participants.normalise(a))) {
                copied.add(Participants.normalise(a));
            }
        }
        List<String> blind = new ArrayList<>();
        for (String a : concat(List.of(), bcc)) {
            if (seen.add(Participants.normalise(a))) {
                blind.add(Participants.normalise(a));
            }
        }
        return List.of(copied, blind);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a == null ? List.of() : a);
        if (b != null) {
            all.addAll(b);
        }
        return all;
    }

    private static MessageRequested.Template template(TemplateUse t) {
        return t == null ? null : new MessageRequested.Template(t.name(), t.language(),
                t.bodyParameters() == null ? List.of() : t.bodyParameters(), t.buttonParameters() == null ? List.of() : t.buttonParameters());
    }

    private static boolean notEmpty(List<String> values) {
        return values != null && !values.isEmpty();
    }

    /** A ticket opened over the API is answered by email when the customer has an address; a call, by SMS to the caller. */
    static Channel deliveryChannel(Channel ticketChannel, List<CustomerIdentity> identities) {
        if (ticketChannel == Channel.PHONE) {
            return Channel.SMS;
        }
        if (ticketChannel != Channel.API && ticketChannel != Channel.FORM) {
            return ticketChannel;
        }
        boolean email = identities.stream().anyMatch(i -> i.type == IdentityType.EMAIL);
        return email ? Channel.EMAIL : ticketChannel;
    }
}
