package io.pharos.channel.service.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.inbound.InboundMessages;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.DeliveryReport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** What every provider webhook does once its signature holds: take in its messages, record its statuses. */
@ApplicationScoped
public class Webhooks {

    private final Channels channels;
    private final InboundMessages inbound;
    private final OutboxWriter outbox;

    public Webhooks(Channels channels, InboundMessages inbound, OutboxWriter outbox) {
        this.channels = channels;
        this.inbound = inbound;
        this.outbox = outbox;
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
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Inbound<?> m : messages) {
            chain = chain.flatMap(n -> inbound.accept(channel, m)
                    .map(r -> r.outcome() == InboundMessages.Outcome.ACCEPTED ? n + 1 : n));
        }
        return chain;
    }

    /** Provider statuses of messages we sent become delivery events of the requests they belong to. */
    public Uni<Void> statuses(ChannelAccount channel, List<ProviderPayloads.Status> statuses) {
        if (statuses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ProviderPayloads.Status s : statuses) {
                chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("from Delivery where providerMessageId = ?1", Delivery.class)
                        .setParameter(1, s.providerMessageId()).getSingleResultOrNull())
                        .flatMap(d -> {
                            if (d == null) {
                                return Uni.createFrom().voidItem(); // not one of ours (or sent before Pharos)
                            }
                            DeliveryStatus status = DeliveryStatus.of(s.status());
                            if (status == null) {
                                return Uni.createFrom().voidItem(); // a status ticket-service has no word for (deleted, warning)
                            }
                            boolean failed = status == DeliveryStatus.FAILED;
                            d.status = failed ? Delivery.Status.FAILED : Delivery.Status.DELIVERED;
                            d.error = s.error();
                            d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            DeliveryReport report = new DeliveryReport(UUID.fromString(d.requestId),
                                    d.ticketId == null ? null : UUID.fromString(d.ticketId), Channel.of(channel.type()), status,
                                    s.providerMessageId(), null, s.at(), s.error());
                            return outbox.append(d.tenant, failed ? ChannelEvents.MESSAGE_FAILED : ChannelEvents.MESSAGE_DELIVERED,
                                    d.ticketId != null ? d.ticketId : d.requestId, report).replaceWithVoid();
                        }));
            }
            return chain;
        });
    }
}
