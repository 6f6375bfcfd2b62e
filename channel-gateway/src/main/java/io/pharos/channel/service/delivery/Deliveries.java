package io.pharos.channel.service.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.channel.client.OutgoingFile;
import io.pharos.channel.client.ProviderSender;
import io.pharos.channel.client.SmtpSender;
import io.pharos.channel.domain.Delivery;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.DeliveryRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.chat.ChatService;
import io.pharos.channel.service.templates.TemplateMessages;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.retry.TransientFailures;
import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.DeliveryReport.DeliveryStatus;
import io.pharos.contracts.channel.DeliveryReport;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.MessageUndeliverable;
import io.pharos.contracts.channel.OutboundAttachment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Delivers {@code pharos.channel.message.requested}: each request id is claimed once (a row in
 * {@code delivery}), sent from the account it names ({@link SendingAccounts}) with retries, and its
 * outcome recorded together with the {@code pharos.channel.delivery} event (outbox, same
 * transaction): SENT when the provider or SMTP server took it (for a reply with files sent as several
 * provider messages, the last one: {@link MediaReplies}) (DELIVERED and READ come later from
 * the providers' callbacks), or FAILED with the reason and the provider's code. A request claimed before
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
    private final SendingAccounts accounts;
    private final TemplateMessages templates;
    private final SmtpSender smtp;
    private final ProviderSender providers;
    private final OutboxWriter outbox;
    private final ChatService chat;
    private final OutboundFiles files;
    private final MediaReplies media;

    public Deliveries(DeliveryRepository deliveries, Channels channels, SendingAccounts accounts, TemplateMessages templates, SmtpSender smtp,
            ProviderSender providers, OutboxWriter outbox, ChatService chat, OutboundFiles files, MediaReplies media) {
        this.chat = chat;
        this.files = files;
        this.media = media;
        this.accounts = accounts;
        this.templates = templates;
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
                return finish(tenant, data, Outcome.failed(null, null, new Undeliverable("unknown channel " + channelKind.name().toLowerCase())),
                        event);
            }
            return despiteOutages(() -> accounts.of(tenant, type, data.channelId()))
                    .flatMap(channel -> send(tenant, type, channel, data).map(sent -> Outcome.of(channel.id(), sent))
                            .onFailure().recoverWithItem(e -> Outcome.failed(channel.id(), type, e)))
                    .onFailure(Undeliverable.class).recoverWithItem(e -> Outcome.failed(null, type, e))
                    .flatMap(outcome -> despiteOutages(() -> finish(tenant, data, outcome, event)));
        });
    }

    /** What our own send achieved: SENT when the provider or the SMTP server took it, DELIVERED when a visitor got it live. */
    record Sent(String providerMessageId, DeliveryStatus status, String text) {

        static Sent taken(String providerMessageId) {
            return new Sent(providerMessageId, DeliveryStatus.SENT, null);
        }
    }

    /** The outcome of a request: sent (and how far), or failed with the reason and the provider's code. */
    record Outcome(String channelId, String providerMessageId, DeliveryStatus status, String error, String code, String text) {

        static Outcome of(String channelId, Sent sent) {
            return new Outcome(channelId, sent.providerMessageId(), sent.status(), null, null, sent.text());
        }

        static Outcome failed(String channelId, ChannelType type, Throwable e) {
            if (e instanceof Undeliverable u) {
                return new Outcome(channelId, null, DeliveryStatus.FAILED, u.getMessage(), u.code(), null);
            }
            return new Outcome(channelId, null, DeliveryStatus.FAILED, type.name().toLowerCase() + ": " + describe(e), null, null);
        }
    }

    private Uni<Sent> send(String tenant, ChannelType type, ChannelAccount channel, MessageRequested data) {
        MessageRequested.Recipient recipient = data.recipient();
        String text = data.text() == null ? "" : data.text();
        if (data.attachments() != null && !data.attachments().isEmpty() && type != ChannelType.CHAT) {
            return withFiles(tenant, type, channel, data, data.attachments()).map(Sent::taken);
        }
        return switch (type) {
            case EMAIL -> email(channel, data, List.of()).map(Sent::taken);
            case WHATSAPP -> to(recipient.whatsapp(), recipient.phone()).map(to -> whatsapp(channel, to.replaceAll("[^0-9]", ""), data))
                    .orElseGet(Deliveries::<Sent>noAddress);
            case MESSENGER -> to(recipient.messenger()).map(to -> providers.messenger(channel, to, text, data.messageTag()).map(Sent::taken))
                    .orElseGet(Deliveries::<Sent>noAddress);
            case INSTAGRAM -> to(recipient.instagram()).map(to -> providers.messenger(channel, to, text, data.messageTag()).map(Sent::taken))
                    .orElseGet(Deliveries::<Sent>noAddress);
            case SMS -> to(recipient.phone()).map(to -> providers.sms(channel, to, text).map(Sent::taken)).orElseGet(Deliveries::<Sent>noAddress);
            case TELEGRAM -> to(recipient.telegram()).map(to -> providers.telegram(channel, to, text).map(Sent::taken))
                    .orElseGet(Deliveries::<Sent>noAddress);
            // pushed to a connected visitor, the reply is delivered; otherwise it waits in the transcript
            case CHAT -> chat.deliver(tenant, data).flatMap(d -> emailWhenAway(tenant, data, d)
                    .map(id -> new Sent(id, d.visitorConnected() ? DeliveryStatus.DELIVERED : DeliveryStatus.SENT, null)));
            default -> Uni.createFrom().failure(new Undeliverable("no adapter for channel " + type.name().toLowerCase()));
        };
    }

    /**
     * A reply with files, as its channel carries them ({@link MediaReplies}); email and the channels
     * that upload take the bytes from the store, the others a signed link to them.
     */
    private Uni<String> withFiles(String tenant, ChannelType type, ChannelAccount channel, MessageRequested data,
            List<OutboundAttachment> attached) {
        MessageRequested.Recipient recipient = data.recipient();
        String text = data.text() == null ? "" : data.text();
        return switch (type) {
            case EMAIL -> files.load(tenant, attached).flatMap(loaded -> email(channel, data, loaded));
            case WHATSAPP -> data.template() != null
                    ? Uni.createFrom().failure(new Undeliverable("whatsapp: a template message carries no files"))
                    : to(recipient.whatsapp(), recipient.phone()).map(to -> files.load(tenant, attached)
                            .flatMap(loaded -> media.whatsapp(channel, to.replaceAll("[^0-9]", ""), text, loaded)))
                            .orElseGet(Deliveries::<String>noAddress);
            case TELEGRAM -> to(recipient.telegram())
                    .map(to -> files.load(tenant, attached).flatMap(loaded -> media.telegram(channel, to, text, loaded)))
                    .orElseGet(Deliveries::<String>noAddress);
            case MESSENGER -> to(recipient.messenger())
                    .map(to -> files.load(tenant, attached).flatMap(loaded -> media.messenger(channel, to, text, data.messageTag(), loaded)))
                    .orElseGet(Deliveries::<String>noAddress);
            case INSTAGRAM -> to(recipient.instagram()).map(to -> media.instagram(channel, to, text, data.messageTag(), attached))
                    .orElseGet(Deliveries::<String>noAddress);
            case SMS -> to(recipient.phone()).map(to -> media.sms(channel, to, text, attached)).orElseGet(Deliveries::<String>noAddress);
            default -> Uni.createFrom().failure(new Undeliverable(type.name().toLowerCase() + ": this channel carries no files"));
        };
    }

    /** A text, or an approved template with its variables filled (the report carries the text the customer got). */
    private Uni<Sent> whatsapp(ChannelAccount channel, String to, MessageRequested data) {
        if (data.template() == null) {
            return providers.whatsapp(channel, to, data.text() == null ? "" : data.text()).map(Sent::taken);
        }
        return templates.compose(channel, data.template()).flatMap(composed -> providers.whatsappTemplate(channel, to, composed.template())
                .map(id -> new Sent(id, DeliveryStatus.SENT, composed.text())));
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

    private static <T> Uni<T> noAddress() {
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
     * online) also goes to the email they gave, from the tenant's email channel, with its files. The transcript
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
            List<OutboundAttachment> attached = data.attachments() == null ? List.of() : data.attachments();
            return files.load(tenant, attached).flatMap(loaded -> email(list.get(0), mail, loaded)).replaceWith(d.providerMessageId())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("chat reply %s kept in the transcript; the email copy failed: %s", data.requestId(), describe(e));
                        return d.providerMessageId();
                    });
        });
    }

    /** Email: our Message-ID, threading headers from the request, From the sending mailbox; CC and BCC as asked. */
    private Uni<String> email(ChannelAccount channel, MessageRequested data, List<OutgoingFile> attached) {
        String to = data.recipient().email();
        if (to == null) {
            return Deliveries.<String>noAddress();
        }
        String domain = channel.address().substring(channel.address().indexOf('@') + 1);
        String messageId = "pharos." + data.requestId() + "@" + domain;
        String from = channel.name() + " <" + channel.address() + ">";
        SmtpSender.Email email = new SmtpSender.Email(from, to, data.subject() == null ? "" : data.subject(),
                data.text() == null ? "" : data.text(), data.html(), messageId, data.inReplyTo(),
                data.references() == null ? List.of() : data.references(), data.cc() == null ? List.of() : data.cc(),
                data.bcc() == null ? List.of() : data.bcc(), Boolean.TRUE.equals(data.acknowledgement()), attached);
        return smtp.send(channel, email).replaceWith(messageId);
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

    private Uni<Void> finish(String tenant, MessageRequested data, Outcome outcome, CloudEvent<MessageRequested> request) {
        String requestId = data.requestId().toString();
        String error = outcome.error();
        String emailMessageId = channelOf(data) == Channel.EMAIL ? outcome.providerMessageId() : null;
        return Panache.withTransaction(() -> deliveries.findById(requestId).flatMap(d -> {
            d.status = Delivery.Status.valueOf(outcome.status().name());
            d.channelId = outcome.channelId();
            d.providerMessageId = outcome.providerMessageId();
            d.error = error;
            d.updatedAt = now();
            // receipts that name no message (Messenger, Instagram watermarks) find it by whom it went to and when
            d.recipient = addressOn(channelOf(data), data.recipient());
            d.sentAt = outcome.providerMessageId() == null ? null : d.updatedAt;
            DeliveryReport report = new DeliveryReport(data.requestId(), data.ticketId(), channelOf(data), outcome.status(),
                    outcome.providerMessageId(), emailMessageId, null, error, outcome.code(), null, outcome.text());
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
