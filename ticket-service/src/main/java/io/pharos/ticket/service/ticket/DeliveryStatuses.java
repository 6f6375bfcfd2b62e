package io.pharos.ticket.service.ticket;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.repository.MessageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * What became of an agent's reply on its channel. The message's delivery status only moves forward
 * (a late "sent" never hides "read"); the email Message-ID used is kept so that the customer's
 * answer threads into the same ticket.
 */
@ApplicationScoped
public class DeliveryStatuses {

    private final MessageRepository messages;

    public DeliveryStatuses(MessageRepository messages) {
        this.messages = messages;
    }

    @WithTransaction
    public Uni<Void> reported(String tenant, UUID messageId, DeliveryStatus status, String providerMessageId, String emailMessageId) {
        return messages.findInTenant(tenant, messageId).flatMap(m -> {
            if (m == null) {
                return Uni.createFrom().voidItem(); // not ours (another tenant's id or a survey invitation)
            }
            if (m.deliveryStatus == null || status == DeliveryStatus.FAILED || status.ordinal() > m.deliveryStatus.ordinal()) {
                m.deliveryStatus = status;
            }
            if (m.providerMessageId == null && providerMessageId != null) {
                m.providerMessageId = providerMessageId;
            }
            if (m.emailMessageId == null && emailMessageId != null) {
                m.emailMessageId = emailMessageId;
            }
            return Uni.createFrom().voidItem();
        });
    }
}
