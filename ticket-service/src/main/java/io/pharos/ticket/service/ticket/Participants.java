package io.pharos.ticket.service.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.ticket.api.ParticipantDto;
import io.pharos.ticket.api.ParticipantInput;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Participant;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.mapping.TicketMapper;
import io.pharos.ticket.repository.ParticipantRepository;
import io.pharos.ticket.repository.TicketRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.InOrder;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Who besides the requester takes part in a ticket's email conversation: the Cc and Reply-To of the
 * customer's mails, and whoever an agent adds. Every email reply copies them all (reply-all). The
 * requester's own addresses are never participants: they are the requester.
 */
@ApplicationScoped
public class Participants {

    /** One address the customer's mail named, with its display name. */
    public record Named(String name, String address) {
    }

    private final TicketRepository tickets;
    private final ParticipantRepository participants;
    private final AuditTrail audit;
    private final TimeSource time;
    private final Validator validator;

    public Participants(TicketRepository tickets, ParticipantRepository participants, AuditTrail audit, TimeSource time,
            Validator validator) {
        this.tickets = tickets;
        this.participants = participants;
        this.audit = audit;
        this.time = time;
        this.validator = validator;
    }

    @WithSession
    public Uni<List<ParticipantDto>> list(String tenant, UUID ticketId) {
        return tickets.require(tenant, ticketId).flatMap(t -> participants.ofTickets(tenant, List.of(t.id)))
                .map(found -> found.stream().map(TicketMapper::toDto).toList());
    }

    /** Several tickets' participants in one query (batched GraphQL fields). */
    @WithSession
    public Uni<Map<UUID, List<ParticipantDto>>> ofTickets(String tenant, List<UUID> ticketIds) {
        return participants.ofTickets(tenant, ticketIds).map(found -> found.stream()
                .collect(Collectors.groupingBy(p -> p.ticketId, Collectors.mapping(TicketMapper::toDto, Collectors.toList()))));
    }

    @WithTransaction
    public Uni<ParticipantDto> add(String tenant, UUID ticketId, ParticipantInput given, Actor actor) {
        ParticipantInput input = given == null ? null
                : new ParticipantInput(ControlCharacters.strip(given.address()), ControlCharacters.strip(given.name()));
        try {
            Validation.valid(validator, input, "Invalid participant");
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        String address = normalise(input.address());
        return tickets.require(tenant, ticketId).flatMap(t -> requesterAddresses(t).flatMap(own -> {
            if (own.contains(address)) {
                return Uni.createFrom().failure(ProblemException.unprocessable("participant-is-requester",
                        address + " is the requester's own address: the requester receives every reply anyway."));
            }
            return participants.find(tenant, t.id, address).flatMap(existing -> existing != null
                    ? Uni.createFrom().failure(ProblemException.conflict("participant-exists", address + " already takes part in this ticket."))
                    : persist(t, address, input.name(), Participant.Source.AGENT, time.now())
                            .flatMap(p -> audit.record(tenant, t.id, null, actor, "participant.added",
                                    Map.of("address", address, "source", p.source.name())).replaceWith(TicketMapper.toDto(p))));
        }));
    }

    @WithTransaction
    public Uni<Void> remove(String tenant, UUID ticketId, String address, Actor actor) {
        String normalised = normalise(ControlCharacters.strip(address));
        return tickets.require(tenant, ticketId).flatMap(t -> participants.find(tenant, t.id, normalised)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Participant", normalised))
                .flatMap(p -> participants.delete(p))
                .flatMap(v -> audit.record(tenant, t.id, null, actor, "participant.removed", Map.of("address", normalised))));
    }

    /**
     * What an inbound email says about who takes part: its Cc and Reply-To join the ticket, except
     * the requester's own addresses, the sender and the mailbox it was written to (ours).
     */
    public Uni<Void> fromEmail(Ticket t, String sender, String to, List<Named> cc, List<Named> replyTo, Instant at) {
        Map<String, Named> named = new LinkedHashMap<>();
        Map<String, Participant.Source> sources = new LinkedHashMap<>();
        collect(replyTo, Participant.Source.REPLY_TO, named, sources);
        collect(cc, Participant.Source.CC, named, sources);
        if (sender != null) {
            named.remove(normalise(sender));
        }
        if (to != null) {
            named.remove(normalise(to));
        }
        if (named.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return requesterAddresses(t).flatMap(own -> participants.ofTickets(t.tenant, List.of(t.id)).flatMap(present -> {
            Set<String> known = present.stream().map(p -> p.address).collect(Collectors.toSet());
            List<Uni<Participant>> added = new ArrayList<>();
            for (Named n : named.values()) {
                String address = normalise(n.address());
                if (!own.contains(address) && !known.contains(address)) {
                    added.add(persist(t, address, n.name(), sources.get(address), at));
                }
            }
            return added.isEmpty() ? Uni.createFrom().voidItem() : InOrder.all(added).replaceWithVoid();
        }));
    }

    /** Whether this address takes part in the ticket. */
    public Uni<Boolean> takesPart(Ticket t, String address) {
        return address == null ? Uni.createFrom().item(false)
                : participants.find(t.tenant, t.id, normalise(address)).map(p -> p != null);
    }

    /** The addresses every reply of the ticket is copied to. */
    Uni<List<String>> addresses(Ticket t) {
        return participants.ofTickets(t.tenant, List.of(t.id)).map(found -> found.stream().map(p -> p.address).toList());
    }

    private static void collect(List<Named> mailboxes, Participant.Source source, Map<String, Named> named,
            Map<String, Participant.Source> sources) {
        if (mailboxes == null) {
            return;
        }
        for (Named n : mailboxes) {
            if (n == null || n.address() == null || !plausible(n.address())) {
                continue;
            }
            String address = normalise(n.address());
            named.putIfAbsent(address, n);
            sources.putIfAbsent(address, source);
        }
    }

    private Uni<Participant> persist(Ticket t, String address, String name, Participant.Source source, Instant at) {
        Participant p = new Participant();
        p.id = UUID.randomUUID();
        p.tenant = t.tenant;
        p.ticketId = t.id;
        p.address = address;
        p.name = name == null || name.isBlank() ? null : ControlCharacters.strip(name.strip());
        if (p.name != null && p.name.length() > 200) {
            p.name = p.name.substring(0, 200);
        }
        p.source = source;
        p.addedAt = at.truncatedTo(ChronoUnit.MICROS);
        return participants.persist(p);
    }

    /** The requester's email addresses, verified or not: whatever they wrote from is them, not a participant. */
    private static Uni<Set<String>> requesterAddresses(Ticket t) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity where tenant = ?1 and customer.id = ?2 and type = ?3", CustomerIdentity.class)
                .setParameter(1, t.tenant).setParameter(2, t.requesterId).setParameter(3, IdentityType.EMAIL).getResultList())
                .map(ids -> ids.stream().map(i -> normalise(i.value)).collect(Collectors.toSet()));
    }

    static String normalise(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    /** A mail header may carry anything; only something shaped like an address (and not too long) is kept. */
    private static boolean plausible(String address) {
        String a = address.strip();
        return a.length() <= 320 && a.indexOf('@') > 0 && a.indexOf('@') == a.lastIndexOf('@') && a.lastIndexOf('@') < a.length() - 1
                && a.chars().noneMatch(Character::isWhitespace);
    }
}
