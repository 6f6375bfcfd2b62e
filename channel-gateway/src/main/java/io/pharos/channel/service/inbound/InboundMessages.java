package io.pharos.channel.service.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.domain.InboundReceipt;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.repository.ReceiptRepository;
import io.pharos.channel.service.fetch.MediaFetches;
import io.pharos.commons.messaging.DirectPublisher;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.MessageReceived;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every adapter's way in: a provider message becomes one event on {@code pharos.channel.inbound},
 * published (and acknowledged by Kafka) before the provider is answered; its id is then
 * recorded, so the provider's retries produce nothing new. Should two copies race past the check,
 * ticket-service ignores a provider message id it has seen. Control characters (a NUL in a form,
 * a stray escape in a provider's text) are dropped here, for every channel: downstream they would
 * fail the database write and send the message to a dead-letter topic. A provider's media (and a
 * call's voicemail recording) go out {@code PENDING}; their fetch jobs are queued in the
 * transaction that records the receipt, after Kafka took the message (inbound messages have no
 * outbox row: should the process die in between, the provider, never answered, sends the message
 * again and both are written then).
 */
@ApplicationScoped
public class InboundMessages {

    public enum Outcome {
        ACCEPTED, DUPLICATE
    }

    public record Result(Outcome outcome, String providerMessageId, String eventId) {
    }

    private final ReceiptRepository receipts;
    private final DirectPublisher publisher;
    private final ObjectMapper json;
    private final MediaFetches fetches;

    public InboundMessages(ReceiptRepository receipts, DirectPublisher publisher, ObjectMapper json, MediaFetches fetches) {
        this.receipts = receipts;
        this.publisher = publisher;
        this.json = json;
        this.fetches = fetches;
    }

    /** Publishes the message unless its provider id was taken in before. */
    public <T> Uni<Result> accept(ChannelAccount channel, Inbound<T> raw) {
        Inbound<T> message = pending(channel, clean(raw));
        String providerMessageId = message.providerMessageId();
        return Panache.withSession(() -> receipts.seen(channel.id(), providerMessageId)).flatMap(seen -> {
            if (seen) {
                return Uni.createFrom().item(new Result(Outcome.DUPLICATE, providerMessageId, null));
            }
            return publisher.publish(channel.tenant(), message.type(), message.conversationKey(), message.data())
                    .call(eventId -> Panache.withTransaction(() -> receipts.findById(new InboundReceipt.Key(channel.id(), providerMessageId))
                            .flatMap(existing -> existing != null ? Uni.createFrom().voidItem()
                                    : receipts.persist(receipt(channel, providerMessageId, eventId))
                                            .call(() -> enqueue(channel, message))
                                            .replaceWithVoid())))
                    .map(eventId -> new Result(Outcome.ACCEPTED, providerMessageId, eventId));
        });
    }

    /**
     * A provider's media on the message (a voicemail's recording on a call) as {@code PENDING}, with
     * their ids: they are fetched once the message is in.
     */
    @SuppressWarnings("unchecked")
    private <T> Inbound<T> pending(ChannelAccount channel, Inbound<T> message) {
        Object data = switch (message.data()) {
            case MessageReceived m -> fetches.pending(channel, m);
            case CallReceived c -> fetches.pending(channel, c);
            case null, default -> message.data();
        };
        return data == message.data() ? message
                : new Inbound<>(message.providerMessageId(), message.type(), message.conversationKey(), (T) data);
    }

    /** The fetch jobs of the message's {@code PENDING} media, in the caller's transaction. */
    private Uni<Void> enqueue(ChannelAccount channel, Inbound<?> message) {
        return switch (message.data()) {
            case MessageReceived m -> fetches.enqueue(channel, message.conversationKey(), m);
            case CallReceived c -> fetches.enqueue(channel, message.conversationKey(), c);
            case null, default -> Uni.createFrom().voidItem();
        };
    }

    /** The message without control characters in any of its strings (the same one when it has none). */
    <T> Inbound<T> clean(Inbound<T> message) {
        try {
            T data = json.treeToValue(ControlCharacters.strip(json.valueToTree(message.data())), message.type().dataClass());
            return new Inbound<>(ControlCharacters.strip(message.providerMessageId()), message.type(),
                    ControlCharacters.strip(message.conversationKey()), data);
        } catch (Exception e) {
            throw new IllegalStateException("an inbound " + message.type() + " does not survive its own JSON", e);
        }
    }

    private static InboundReceipt receipt(ChannelAccount channel, String providerMessageId, String eventId) {
        InboundReceipt r = new InboundReceipt();
        r.channelId = channel.id();
        r.providerMessageId = providerMessageId;
        r.eventId = eventId;
        r.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return r;
    }
}
