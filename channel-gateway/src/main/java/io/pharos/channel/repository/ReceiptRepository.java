package io.pharos.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.InboundReceipt;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ReceiptRepository implements PanacheRepositoryBase<InboundReceipt, InboundReceipt.Key> {

    public Uni<Boolean> seen(String channelId, String providerMessageId) {
        return findById(new InboundReceipt.Key(channelId, providerMessageId)).map(r -> r != null);
    }
}
