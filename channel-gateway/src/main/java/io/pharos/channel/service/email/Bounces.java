package io.pharos.channel.service.email;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.domain.Delivery;
import io.pharos.channel.domain.InboundReceipt;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.repository.DeliveryRepository;
import io.pharos.channel.repository.ReceiptRepository;
import io.pharos.channel.service.email.DeliveryStatusNotice.Recipient;
import io.pharos.channel.service.email.EmailParser.ParsedEmail;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A bounce of one of our replies: the delivery status notification (RFC 3464) names the message by
 * its Message-ID, which is the {@code provider_message_id} of its {@code delivery} row
 * ({@code pharos.<requestId>@domain}). Each failed recipient becomes a
 * {@code pharos.channel.message.failed} report with the enhanced status code, the address and a
 * human explanation, written to the outbox in the transaction that marks the delivery FAILED and
 * records the bounce's own Message-ID (a bounce fetched or posted again reports nothing new).
 * A delay ({@code Action: delayed}) is no failure, and a bounce of a message that is not ours is
 * none of Pharos's business: both are only logged.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    public enum Outcome {
        /** A delivery of ours failed, and is reported. */
        RECORDED,
        /** This bounce was recorded before. */
        DUPLICATE,
        /** No failure of a message of ours: a delay, a bounce of someone else's message, or no report to read. */
        IGNORED
    }

    private final DeliveryRepository deliveries;
    private final ReceiptRepository receipts;
    private final OutboxWriter outbox;

    public Bounces(DeliveryRepository deliveries, ReceiptRepository receipts, OutboxWriter outbox) {
        this.deliveries = deliveries;
        this.receipts = receipts;
        this.outbox = outbox;
    }

    /** @param providerMessageId the bounce's own Message-ID (or hash): what makes a second copy of it a duplicate */
    public Uni<Outcome> record(ChannelAccount channel, String providerMessageId, ParsedEmail bounce) {
        DeliveryStatusNotice notice = bounce.deliveryStatus();
        if (notice == null || notice.originalMessageIds().isEmpty()) {
            LOG.infof("channel %s: bounce %s without a delivery status report naming its message; ignored", channel.id(), providerMessageId);
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        List<Recipient> failures = notice.failures();
        if (failures.isEmpty()) {
            notice.recipients().stream().filter(Recipient::delayed).forEach(r -> LOG.infof("channel %s: mail %s to %s delayed: %s",
                    channel.id(), notice.originalMessageIds().get(0), r.address(), EnhancedStatusCodes.explain(r.status(), r.diagnostic(), true)));
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        return Panache.withTransaction(() -> receipts.seen(channel.id(), providerMessageId).flatMap(seen -> {
            if (seen) {
                return Uni.createFrom().item(Outcome.DUPLICATE);
            }
            return deliveries.findByProviderMessageId(channel.tenant(), notice.originalMessageIds()).flatMap(delivery -> {
                if (delivery == null) {
                    LOG.infof("channel %s: bounce %s is about %s, not a message of ours; ignored", channel.id(), providerMessageId,
                            notice.originalMessageIds());
                    return Uni.createFrom().item(Outcome.IGNORED);
                }
                return failed(channel, providerMessageId, delivery, failures, bounce.sentAt()).replaceWith(Outcome.RECORDED);
            });
        })).onFailure().recoverWithUni(e -> Panache.withSession(() -> receipts.seen(channel.id(), providerMessageId)).flatMap(seen -> seen
                ? Uni.createFrom().item(Outcome.DUPLICATE) // a copy of the same bounce committed first
                : Uni.createFrom().failure(e)));
    }

    private Uni<Void> failed(ChannelAccount channel, String providerMessageId, Delivery delivery, List<Recipient> failures, Instant reportedAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Recipient first = failures.get(0);
        delivery.status = Delivery.Status.after(delivery.status, Delivery.Status.FAILED);
        delivery.error = first.address() + ": " + EnhancedStatusCodes.explain(first.status(), first.diagnostic(), false);
        delivery.updatedAt = now;
        InboundReceipt receipt = new InboundReceipt();
        receipt.channelId = channel.id();
        receipt.providerMessageId = providerMessageId;
        receipt.receivedAt = now;
        String key = delivery.ticketId != null ? delivery.ticketId : delivery.requestId;
        Uni<Void> written = receipts.persist(receipt).replaceWithVoid();
        for (Recipient failure : failures) {
            DeliveryReport report = new DeliveryReport(UUID.fromString(delivery.requestId),
                    delivery.ticketId == null ? null : UUID.fromString(delivery.ticketId), Channel.EMAIL, DeliveryStatus.FAILED,
                    delivery.providerMessageId, delivery.providerMessageId, reportedAt != null ? reportedAt : now,
                    EnhancedStatusCodes.explain(failure.status(), failure.diagnostic(), false), failure.status(), failure.address(), null);
            LOG.warnf("request %s bounced for %s: %s", delivery.requestId, failure.address(), report.reason());
            written = written.flatMap(v -> outbox.append(channel.tenant(), ChannelEvents.MESSAGE_FAILED, key, report).replaceWithVoid());
        }
        return written;
    }
}
