package io.pharos.channel.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.client.ProviderSender;
import io.pharos.channel.client.SmtpSender;
import io.pharos.channel.domain.Delivery;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.DeliveryRepository;
import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Delivers {@code pharos.channel.message.requested}: each request id is claimed once (a row in
 * {@code delivery}), sent with retries, and its outcome recorded together with the
 * {@code pharos.channel.delivery} event (outbox, same transaction). A request claimed before
 * and never finished (a crash mid-send) is not sent again: at most once, as promised; it stays
 * visible as SENDING. What fails after the retries is reported as failed and dead-lettered with
 * the reason.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    public static final String DEAD_LETTERS = "pharos.channel.outbound.dlq";

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

    public Uni<Void> deliver(JsonNode event) {
        String tenant = event.path("tenant").asText(null);
        JsonNode data = event.path("data");
        String requestId = data.path("requestId").asText(null);
        if (tenant == null || requestId == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a delivery request needs a tenant and a requestId"));
        }
        String channelType = data.path("channel").asText("email").toUpperCase();
        return claim(tenant, requestId, data).flatMap(claimed -> {
            if (!claimed) {
                LOG.debugf("request %s was delivered (or is being delivered) already", requestId);
                return Uni.createFrom().voidItem();
            }
            ChannelType type;
            try {
                type = ChannelType.valueOf(channelType);
            } catch (IllegalArgumentException e) {
                return finish(tenant, requestId, data, null, null, "unknown channel " + channelType.toLowerCase(), event);
            }
            return channels.enabled(tenant, type).flatMap(list -> {
                if (list.isEmpty()) {
                    return finish(tenant, requestId, data, null, null, "the tenant has no enabled " + type.name().toLowerCase() + " channel", event);
                }
                Channels.Channel channel = list.get(0);
                JsonNode recipient = data.path("recipient");
                String text = data.path("text").asText("");
                Uni<String> sent = switch (type) {
                    case EMAIL -> email(channel, requestId, data);
                    case WHATSAPP -> to(recipient, "whatsapp", "phone").map(to -> providers.whatsapp(channel, to.replaceAll("[^0-9]", ""), text))
                            .orElseGet(Deliveries::noAddress);
                    case MESSENGER, INSTAGRAM -> to(recipient, type.name().toLowerCase()).map(to -> providers.messenger(channel, to, text))
                            .orElseGet(Deliveries::noAddress);
                    case SMS -> to(recipient, "phone").map(to -> providers.sms(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case TELEGRAM -> to(recipient, "telegram").map(to -> providers.telegram(channel, to, text)).orElseGet(Deliveries::noAddress);
                    case CHAT -> chat.deliver(tenant, requestId, data).flatMap(d -> emailWhenAway(tenant, requestId, data, d));
                    default -> Uni.createFrom().failure(new Undeliverable("no adapter for channel " + type.name().toLowerCase()));
                };
                return sent.map(id -> new String[] { id, null })
                        .onFailure().recoverWithItem(e -> new String[] { null, e instanceof Undeliverable ? e.getMessage()
                                : type.name().toLowerCase() + ": " + describe(e) })
                        .flatMap(r -> finish(tenant, requestId, data, channel.id(), r[0], r[1], event)
                                .replaceWithVoid());
            });
        });
    }

    /** A request that no retry can deliver (no address, no adapter): reported with this reason. */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Uni<String> noAddress() {
        return Uni.createFrom().failure(new Undeliverable("the customer has no address on this channel"));
    }

    private static java.util.Optional<String> to(JsonNode recipient, String... identities) {
        for (String identity : identities) {
            if (recipient.path(identity).isTextual() && !recipient.path(identity).asText().isBlank()) {
                return java.util.Optional.of(recipient.path(identity).asText());
            }
        }
        return java.util.Optional.empty();
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
    private Uni<String> emailWhenAway(String tenant, String requestId, JsonNode data, ChatService.Delivered d) {
        if (d.visitorConnected() || d.email() == null || data.path("acknowledgement").asBoolean(false)) {
            return Uni.createFrom().item(d.providerMessageId());
        }
        return channels.enabled(tenant, ChannelType.EMAIL).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(d.providerMessageId());
            }
            com.fasterxml.jackson.databind.node.ObjectNode mail = data.deepCopy();
            mail.putObject("recipient").put("email", d.email());
            return email(list.get(0), requestId, mail).replaceWith(d.providerMessageId())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("chat reply %s kept in the transcript; the email copy failed: %s", requestId, describe(e));
                        return d.providerMessageId();
                    });
        });
    }

    /** Email: our Message-ID, threading headers from the request, From the tenant's email channel. */
    private Uni<String> email(Channels.Channel channel, String requestId, JsonNode data) {
        String to = data.path("recipient").path("email").asText(null);
        if (to == null) {
            return noAddress();
        }
        String domain = channel.address().substring(channel.address().indexOf('@') + 1);
        String messageId = "pharos." + requestId + "@" + domain;
        List<String> references = new ArrayList<>();
        data.path("references").forEach(r -> references.add(r.asText()));
        String inReplyTo = data.path("inReplyTo").isTextual() ? data.path("inReplyTo").asText() : null;
        String from = channel.name() + " <" + channel.address() + ">";
        SmtpSender.Email email = new SmtpSender.Email(from, to, data.path("subject").asText(""), data.path("text").asText(""),
                data.path("html").isTextual() ? data.path("html").asText() : null, messageId, inReplyTo, references,
                data.path("acknowledgement").asBoolean(false));
        return smtp.send(email).replaceWith(messageId);
    }

    /** Claims a request id for this attempt; false when it was claimed before. */
    private Uni<Boolean> claim(String tenant, String requestId, JsonNode data) {
        return Panache.withTransaction(() -> deliveries.findById(requestId).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Delivery d = new Delivery();
            d.requestId = requestId;
            d.tenant = tenant;
            d.ticketId = data.path("ticketId").asText(null);
            d.status = Delivery.Status.SENDING;
            d.attempts = 1;
            d.createdAt = d.updatedAt = now();
            return deliveries.persist(d).replaceWith(true);
        })).onFailure().recoverWithItem(false); // a concurrent claim won the primary key
    }

    private Uni<Void> finish(String tenant, String requestId, JsonNode data, String channelId, String providerMessageId, String error,
            JsonNode request) {
        boolean email = "email".equalsIgnoreCase(data.path("channel").asText("email"));
        String emailMessageId = email ? providerMessageId : null;
        return Panache.withTransaction(() -> deliveries.findById(requestId).flatMap(d -> {
            d.status = error == null ? Delivery.Status.DELIVERED : Delivery.Status.FAILED;
            d.channelId = channelId;
            d.providerMessageId = providerMessageId;
            d.error = error;
            d.updatedAt = now();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("requestId", requestId);
            result.put("ticketId", data.path("ticketId").asText(null));
            result.put("channel", data.path("channel").asText(null));
            result.put("status", error == null ? "delivered" : "failed");
            result.put("providerMessageId", providerMessageId);
            result.put("emailMessageId", emailMessageId);
            result.put("reason", error);
            String key = data.path("ticketId").asText(requestId);
            // a receipt is not a message of the ticket: ticket-service has nothing to update
            Uni<Void> written = data.path("acknowledgement").asBoolean(false) ? Uni.createFrom().voidItem()
                    : outbox.append(tenant, Topics.CHANNEL_DELIVERY,
                            error == null ? "pharos.channel.message.delivered" : "pharos.channel.message.failed", key, result).replaceWithVoid();
            if (error != null) {
                LOG.warnf("request %s not delivered: %s", requestId, error);
                Map<String, Object> dead = new LinkedHashMap<>();
                dead.put("reason", error);
                dead.put("request", request);
                written = written.flatMap(v -> outbox.append(tenant, DEAD_LETTERS, "pharos.channel.message.undeliverable", key, dead)
                        .replaceWithVoid());
            }
            return written;
        }));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
