package io.pharos.channel.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.model.ChannelType;
import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
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
    public Uni<Channels.Channel> channel(String id, ChannelType... types) {
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
    public Uni<Integer> accept(Channels.Channel channel, List<ProviderPayloads.Inbound> messages) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (ProviderPayloads.Inbound m : messages) {
            chain = chain.flatMap(n -> inbound.accept(channel, m.providerMessageId(), m.type(), m.conversationKey(), m.data())
                    .map(r -> r.outcome() == InboundMessages.Outcome.ACCEPTED ? n + 1 : n));
        }
        return chain;
    }

    /** Provider statuses of messages we sent become delivery events of the requests they belong to. */
    public Uni<Void> statuses(Channels.Channel channel, List<ProviderPayloads.Status> statuses) {
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
                            boolean failed = "failed".equals(s.status());
                            d.status = failed ? Delivery.Status.FAILED : Delivery.Status.DELIVERED;
                            d.error = s.error();
                            d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("requestId", d.requestId);
                            data.put("ticketId", d.ticketId);
                            data.put("channel", channel.type().name().toLowerCase());
                            data.put("status", s.status());
                            data.put("providerMessageId", s.providerMessageId());
                            data.put("at", s.at());
                            data.put("reason", s.error());
                            return outbox.append(d.tenant, Topics.CHANNEL_DELIVERY,
                                    failed ? "pharos.channel.message.failed" : "pharos.channel.message.delivered",
                                    d.ticketId != null ? d.ticketId : d.requestId, data).replaceWithVoid();
                        }));
            }
            return chain;
        });
    }
}
