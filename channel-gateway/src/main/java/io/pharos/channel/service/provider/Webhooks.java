package io.pharos.channel.service.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.DeliveryRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.inbound.InboundMessages;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.MessageEdited;
import io.pharos.contracts.channel.MessageReacted;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** What every provider webhook does once its signature holds: take in its messages, edits and reactions, record its statuses and watermarks. */
@ApplicationScoped
public class Webhooks {

    private final Channels channels;
    private final InboundMessages inbound;
    private final OutboxWriter outbox;
    private final DeliveryRepository deliveries;

    public Webhooks(Channels channels, InboundMessages inbound, OutboxWriter outbox, DeliveryRepository deliveries) {
        this.channels = channels;
        this.inbound = inbound;
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    /** The channel, if it exists, is enabled and is one of the given types; else a 401 that does not tell which. */
    public Uni<ChannelAccount> channel(String id, ChannelType... types) {
        return channels.get(id).map(c -> {
            if (c == null || !c.enabled() || !List.of(types).contains(c.type())) {
                throw unauthorized();
            }
            return c;
        });
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "invalid-signature", "Unauthorized", "The request is not signed with this channel's secret.");
    }

    /** Takes in every message (one event each, provider retries absorbed); answers how many were new. */
    public Uni<Integer> accept(ChannelAccount channel, List<? extends Inbound<?>> messages) {
        // every provider names who wrote; a payload that does not would park in ticket-service as a
        // message nobody can answer, so it is refused here, before anything is taken in
        if (messages.stream().anyMatch(m -> !addressed(m.data()))) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-sender",
                    "A message in this payload does not say who sent it (no sender id or address)."));
        }
        if (messages.stream().anyMatch(m -> m.data() instanceof MessageReceived r && !said(r))) {
            return Uni.createFrom().failure(ProblemException.badRequest("empty-message",
                    "A message in this payload carries no text, media, location, contact or button."));
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Inbound<?> m : messages) {
            chain = chain.flatMap(n -> inbound.accept(channel, m)
                    .map(r -> r.outcome() == InboundMessages.Outcome.ACCEPTED ? n + 1 : n));
        }
        return chain;
    }

    private static boolean addressed(Object data) {
        Sender from = switch (data) {
            case MessageReceived r -> r.from();
            case CallReceived c -> c.from();
            case MessageEdited e -> e.from();
            case MessageReacted r -> r.from();
            default -> null;
        };
        return from != null && from.addressed();
    }

    /** As ticket-service judges a message it takes in (control characters do not count as text). */
    private static boolean said(MessageReceived m) {
        return !blank(m.text()) || !blank(m.html()) || m.attachments() != null && !m.attachments().isEmpty() || m.location() != null
                || m.contact() != null || m.interactive() != null && (!blank(m.interactive().title()) || !blank(m.interactive().id()));
    }

    private static boolean blank(String text) {
        return text == null || ControlCharacters.strip(text).isBlank();
    }

    /**
     * Provider statuses of messages we sent become delivery events of the requests they belong to,
     * a failure with the provider's code and what it means. Only deliveries of the channel's own
     * tenant are looked up: a provider message id is the provider's, not unique across tenants, and
     * a webhook signed by one tenant's channel must not touch another's. Statuses stay distinct
     * (sent, delivered, read, failed) and never go back (providers call back out of order: a late
     * "sent" does not undo "read").
     */
    public Uni<Void> statuses(ChannelAccount channel, List<ProviderPayloads.Status> statuses) {
        if (statuses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ProviderPayloads.Status s : statuses) {
                chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("from Delivery where providerMessageId = ?1 and tenant = ?2 order by createdAt desc", Delivery.class)
                        .setParameter(1, s.providerMessageId()).setParameter(2, channel.tenant()).setMaxResults(1).getSingleResultOrNull())
                        .flatMap(d -> {
                            DeliveryStatus status = DeliveryStatus.of(s.status());
                            if (d == null || status == null) {
                                // not one of ours (or sent before Pharos); a status ticket-service has no word for (deleted, warning)
                                return Uni.createFrom().voidItem();
                            }
                            boolean failed = status == DeliveryStatus.FAILED;
                            DeliveryReport report = new DeliveryReport(UUID.fromString(d.requestId),
                                    d.ticketId == null ? null : UUID.fromString(d.ticketId), Channel.of(channel.type()), status,
                                    s.providerMessageId(), null, s.at(), s.reason(), s.code(), failed ? s.recipient() : null, null);
                            return record(d, status, s.reason(), report);
                        }));
            }
            return chain;
        });
    }

    /**
     * Messenger's and Instagram's watermarks: every message sent to that customer on this channel at
     * or before the watermark is delivered (or read), one report each, at the watermark's time. A
     * message the provider has already reported that far is not reported again, so a repeated
     * watermark reports nothing; failed ones stay failed.
     */
    public Uni<Void> watermarks(ChannelAccount channel, List<ProviderPayloads.Watermark> watermarks) {
        if (watermarks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ProviderPayloads.Watermark w : watermarks) {
                chain = chain.flatMap(v -> deliveries.sentUpTo(channel.tenant(), channel.id(), w.recipient(), w.at(),
                        Delivery.Status.valueOf(w.status().name())).flatMap(covered -> {
                            Uni<Void> each = Uni.createFrom().voidItem();
                            for (Delivery d : covered) {
                                DeliveryReport report = new DeliveryReport(UUID.fromString(d.requestId),
                                        d.ticketId == null ? null : UUID.fromString(d.ticketId), Channel.of(channel.type()), w.status(),
                                        d.providerMessageId, null, w.at(), null, null, null, null);
                                each = each.flatMap(x -> record(d, w.status(), null, report));
                            }
                            return each;
                        }));
            }
            return chain;
        });
    }

    /** The provider's report on the delivery's row and, through the outbox, to ticket-service. */
    private Uni<Void> record(Delivery d, DeliveryStatus status, String reason, DeliveryReport report) {
        Delivery.Status reported = Delivery.Status.valueOf(status.name());
        d.status = Delivery.Status.after(d.status, reported);
        d.providerStatus = Delivery.Status.after(d.providerStatus, reported);
        if (status == DeliveryStatus.FAILED) {
            d.error = reason;
        }
        d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return outbox.append(d.tenant, status == DeliveryStatus.FAILED ? ChannelEvents.MESSAGE_FAILED : ChannelEvents.MESSAGE_DELIVERED,
                d.ticketId != null ? d.ticketId : d.requestId, report).replaceWithVoid();
    }
}
