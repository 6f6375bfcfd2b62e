package io.pharos.channel.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /** The tenant's delivery that went out under one of these provider message ids (an email's Message-ID), or null. */
    public Uni<Delivery> findByProviderMessageId(String tenant, List<String> providerMessageIds) {
        if (providerMessageIds.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return find("tenant = ?1 and providerMessageId in ?2", tenant, providerMessageIds).firstResult();
    }

    /**
     * The tenant's messages sent on a channel to one recipient at or before {@code until} that the provider has not yet
     * reported as far as {@code reported} (a watermark's receipts), oldest first; failed ones are not receipted.
     */
    public Uni<List<Delivery>> sentUpTo(String tenant, String channelId, String recipient, Instant until, Delivery.Status reported) {
        // not yet reported that far: SENT before DELIVERED; SENT or DELIVERED before READ
        Delivery.Status furthestBefore = reported == Delivery.Status.DELIVERED ? Delivery.Status.SENT : Delivery.Status.DELIVERED;
        return list("tenant = ?1 and channelId = ?2 and recipient = ?3 and sentAt <= ?4 and providerMessageId is not null "
                + "and status <> ?5 and (providerStatus is null or providerStatus = ?6 or providerStatus = ?7) order by sentAt", tenant,
                channelId, recipient, until, Delivery.Status.FAILED, Delivery.Status.SENT, furthestBefore);
    }
}
