package io.pharos.channel.service.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.client.ProviderSender;
import io.pharos.channel.client.SmtpSender;
import io.pharos.channel.domain.Delivery;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.DeliveryRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.chat.ChatService;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.retry.TransientFailures;
import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.MessageUndeliverable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Delivers {@code pharos.channel.message.requested}: each request id is claimed once (a row in
 * {@code delivery}), sent with retries, and its outcome recorded together with the
 * {@code pharos.channel.delivery} event (outbox, same transaction). A request claimed before
 * and never finished (a crash mid-send) is sent again by email only, under the same Message-ID;
 * on the providers' channels it is not sent again (at most once) and stays visible as SENDING.
 * What fails after the retries is reported as failed and dead-lettered with
 * the reason.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    /** This process, as a claim names it. */
    private static final String PROCESS = UUID.randomUUID().toString();

    private final DeliveryRepository deliveries;
    private final Channels channels;
    private final SmtpSender smtp;
    private final ProviderSender providers;
    private final OutboxWriter outbox;
    private final ChatService chat;

    public Deliveries(DeliveryRepository deliveries, Channels channels, SmtpSender smtp, ProviderSender providers, OutboxWriter outbox,
            ChatService chat) {
        this.chat = chat;
        this.deliveries = deliveries;
        this.channels = channels;
        this.smtp = smtp;
        this.providers = providers;
        this.outbox = outbox;
    }

    public Uni<Void> deliver(CloudEvent<MessageRequested> event) {
        String tenant = event.tenant();
        MessageRequested data = event.data();
        if (tenant == null || data == null || data.requestId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a delivery request needs a tenant and a requestId"));
        }
        String requestId = data.requestId().toString();
        Channel channelKind = channelOf(data);
        return claim(tenant, requestId, data).flatMap(claimed -> {
            if (!claimed) {
                LOG.debugf("request %s was delivered (or is being delivered) already", requestId);
                return Uni.createFrom().voidItem();
            }
            ChannelType type;
            try {
                type = ChannelType.valueOf(channelKind.name());
            } catch (IllegalArgumentException e) {
                return finish(tenant, data, null, null, "unknown channel " + channelKind.name().toLowerCase(), event);
            }
            return despiteOutages(() -> channels.enabled(tenant, type)).flatMap(list -> {
                if (list.isEmpty()) {
                    return finish(tenant, data, null, null, "the tenant has no enabled " + type.name().toLowerCase() + " channel", event);
                }
                ChannelAccount channel = list.get(0);
                MessageRequested.Recipient recipient = data.recipient();
                String text = data.text() == null ? "" : data.text();
                Uni<String> sent = switch (type) {
                    case EMAIL -> email(channel, data);
                    case WHATSAPP -> to(recipient.whatsapp(), recipient.phone()).map(to -> providers.whatsapp(channel, to.replaceAll("[^0-9]", ""), text))
                            .orElseGet(Deliveries::noAddress);
                    case MESSENGER -> to(recipient.messenger()).map(to -> providers.messenger(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case INSTAGRAM -> to(recipient.instagram()).map(to -> providers.messenger(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case SMS -> to(recipient.phone()).map(to -> providers.sms(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case TELEGRAM -> to(recipient.telegram()).map(to -> providers.telegram(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case CHAT -> chat.deliver(tenant, data).flatMap(d -> emailWhenAway(tenant, data, d));
                    default -> Uni.createFrom().failure(new Undeliverable("no adapter for channel " + type.name().toLowerCase()));
                };
                return sent.map(id -> new String[] { id, null })
                        .onFailure().recoverWithItem(e -> new String[] { null, e instanceof Undeliverable ? e.getMessage()
                                : type.name().toLowerCase() + ": " + describe(e) })
                        .flatMap(r -> despiteOutages(() -> finish(tenant, data, channel.id(), r[0], r[1], event)).replaceWithVoid());
            });
        });
    }

    /**
     * Once a request is claimed, nothing may fail for a database outage: the claim is committed, so a
     * redelivered request is not sent again, and a send whose outcome was never recorded would stay
     * SENDING for good (a fault campaign found one after a PostgreSQL crash). Lookups and the outcome
     * are tried again until the database is back, for about two minutes.
     */
    private static <T> Uni<T> despiteOutages(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().deferred(work).onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).withJitter(0.5).atMost(30);
    }

    /** A request without a channel goes by email, as it always has. */
    private static Channel channelOf(MessageRequested data) {
        return data.channel() == null ? Channel.EMAIL : data.channel();
    }

    private static Uni<String> noAddress() {
        return Uni.createFrom().failure(new Undeliverable("the customer has no address on this channel"));
    }

    /** The first of the recipient's addresses that is set. */
    private static Optional<String> to(String... addresses) {
        for (String address : addresses) {
            if (address != null && !address.isBlank()) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * A chat reply the visitor is not connected to read (they left, or wrote while nobody was
     * online) also goes to the email they gave, from the tenant's email channel. The transcript
     * has it either way, so a mail that fails is logged, not a failed delivery.
     */
    private Uni<String> emailWhenAway(String tenant, MessageRequested data, ChatService.Delivered d) {
        if (d.visitorConnected() || d.email() == null || Boolean.TRUE.equals(data.acknowledgement())) {
            return Uni.createFrom().item(d.providerMessageId());
        }
        return channels.enabled(tenant, ChannelType.EMAIL).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(d.providerMessageId());
            }
            MessageRequested mail = new MessageRequested(data.requestId(), data.ticketId(), data.ticketNumber(), data.messageId(),
                    data.channel(), new MessageRequested.Recipient(null, d.email(), null, null, null, null, null, null), data.subject(),
                    data.text(), data.html(), data.inReplyTo(), data.references(), data.language(), data.acknowledgement());
            return email(list.get(0), mail).replaceWith(d.providerMessageId())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("chat reply %s kept in the transcript; the email copy failed: %s", data.requestId(), describe(e));
                        return d.providerMessageId();
                    });
        });
    }

    /** Email: our Message-ID, threading headers from the request, From the tenant's email channel. */
    private Uni<String> email(ChannelAccount channel, MessageRequested data) {
        String to = data.recipient().email();
        if (to == null) {
            return noAddress();
        }
        String domain = channel.address().substring(channel.address().indexOf('@') + 1);
        String messageId = "pharos." + data.requestId() + "@" + domain;
        String from = channel.name() + " <" + channel.address() + ">";
        SmtpSender.Email email = new SmtpSender.Email(from, to, data.subject() == null ? "" : data.subject(),
                data.text() == null ? "" : data.text(), data.html(), messageId, data.inReplyTo(),
                data.references() == null ? java.util.List.of() : data.references(), Boolean.TRUE.equals(data.acknowledgement()));
        return smtp.send(email).replaceWith(messageId);
    }

    /**
     * Claims a request id for this attempt; false when it was claimed before. An email left SENDING
     * by another process (it died mid-send, so Kafka delivers the request again) is taken over and
     * sent again under the same Message-ID, which mail clients show once; provider messages have no
     * such key and stay at most once.
     */
    private Uni<Boolean> claim(String tenant, String requestId, MessageRequested data) {
        return Panache.withTransaction(() -> deliveries.findById(requestId).flatMap(existing -> {
            if (existing != null) {
                boolean orphaned = existing.status == Delivery.Status.SENDING && !PROCESS.equals(existing.claimedBy)
                        && channelOf(data) == Channel.EMAIL;
                if (!orphaned) {
                    return Uni.createFrom().item(false);
                }
                LOG.infof("request %s was left SENDING by a process that is gone; sending it again", requestId);
                existing.claimedBy = PROCESS;
                existing.attempts++;
                existing.updatedAt = now();
                return Uni.createFrom().item(true);
            }
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = tenant;
            d.ticketId = data.ticketId() == null ? null : data.ticketId().toString();
            d.status = Delivery.Status.SENDING;
            d.attempts = 1;
            d.claimedBy = PROCESS;
            d.createdAt = d.updatedAt = now();
            return deliveries.persist(d).replaceWith(true);
        })).onFailure().recoverWithItem(false); // a concurrent claim won the primary key
    }

    private Uni<Void> finish(String tenant, MessageRequested data, String channelId, String providerMessageId, String error,
            CloudEvent<MessageRequested> request) {
        String requestId = data.requestId().toString();
        String emailMessageId = channelOf(data) == Channel.EMAIL ? providerMessageId : null;
        return Panache.withTransaction(() -> deliveries.findById(requestId).flatMap(d -> {
            d.status = error == null ? Delivery.Status.DELIVERED : Delivery.Status.FAILED;
            d.channelId = channelId;
            d.providerMessageId = providerMessageId;
            d.error = error;
            d.updatedAt = now();
            // receipts that name no message (Messenger, Instagram watermarks) find it by whom it went to and when
            d.recipient = addressOn(channelOf(data), data.recipient());
            d.sentAt = providerMessageId == null ? null : d.updatedAt;
            DeliveryReport report = new DeliveryReport(data.requestId(), data.ticketId(), channelOf(data),
                    error == null ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED, providerMessageId, emailMessageId, null, error);
            String key = data.ticketId() != null ? data.ticketId().toString() : requestId;
            // a receipt is not a message of the ticket: ticket-service has nothing to update
            Uni<Void> written = Boolean.TRUE.equals(data.acknowledgement()) ? Uni.createFrom().voidItem()
                    : outbox.append(tenant, error == null ? ChannelEvents.MESSAGE_DELIVERED : ChannelEvents.MESSAGE_FAILED, key, report)
                            .replaceWithVoid();
            if (error != null) {
                LOG.warnf("request %s not delivered: %s", requestId, error);
                written = written.flatMap(v -> outbox.append(tenant, ChannelEvents.MESSAGE_UNDELIVERABLE, key,
                        new MessageUndeliverable(error, request)).replaceWithVoid());
            }
            return written;
        }));
    }

    private static String addressOn(Channel channel, MessageRequested.Recipient to) {
        return to == null ? null : switch (channel) {
            case EMAIL -> to.email();
            case WHATSAPP -> to.whatsapp() != null ? to.whatsapp() : to.phone();
            case SMS -> to.phone();
            case MESSENGER -> to.messenger();
            case INSTAGRAM -> to.instagram();
            case TELEGRAM -> to.telegram();
            default -> null;
        };
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
