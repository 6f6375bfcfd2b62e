package io.pharos.channel.service.fetch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.AttachmentFetch;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.AttachmentFetchRepository;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.CallReceived;
import io.pharos.contracts.channel.MessageReceived;
import io.smallrye.mutiny.Uni;

/**
 * The inbound side of fetching: a provider's media on a new message, and a voicemail's recording on
 * a call, get their id and {@code PENDING} before the message is published, and one fetch job each
 * is queued with the message's receipt ({@link AttachmentFetcher} does the rest).
 */
@ApplicationScoped
public class MediaFetches {

    /**
     * The channels whose provider keeps the media (email parts arrive with the mail and are stored at
     * once); the telephony system keeps a voicemail's recording.
     */
    private static final Set<ChannelType> PROVIDERS = Set.of(ChannelType.WHATSAPP, ChannelType.MESSENGER, ChannelType.INSTAGRAM,
            ChannelType.TELEGRAM, ChannelType.SMS, ChannelType.PHONE);

    private final AttachmentFetchRepository jobs;

    public MediaFetches(AttachmentFetchRepository jobs) {
        this.jobs = jobs;
    }

    /** The message with each of its provider media {@code PENDING} under its deterministic id (the same one when there is nothing to fetch). */
    public MessageReceived pending(ChannelAccount channel, MessageReceived message) {
        List<Attachment> marked = marked(channel, message.providerMessageId(), message.attachments());
        if (marked == message.attachments()) {
            return message;
        }
        MessageReceived m = message;
        return new MessageReceived(m.channelId(), m.channel(), m.providerMessageId(), m.conversationKey(), m.from(), m.to(), m.subject(),
                m.text(), m.quotedText(), m.html(), m.email(), m.receivedAt(), m.sentAt(), marked, m.language(), m.replyTo(), m.location(),
                m.interactive(), m.chat(), m.contact(), m.forwarded());
    }

    /** The call with its voicemail recording {@code PENDING} under its deterministic id (the same one when there is none). */
    public CallReceived pending(ChannelAccount channel, CallReceived call) {
        List<Attachment> marked = marked(channel, call.providerMessageId(), call.attachments());
        if (marked == call.attachments()) {
            return call;
        }
        CallReceived c = call;
        return new CallReceived(c.channelId(), c.channel(), c.providerMessageId(), c.conversationKey(), c.from(), c.subject(), c.text(),
                c.receivedAt(), c.sentAt(), c.call(), marked);
    }

    /** Queues a fetch for every {@code PENDING} attachment of the message, in the caller's transaction. */
    public Uni<Void> enqueue(ChannelAccount channel, String messageKey, MessageReceived message) {
        return enqueue(channel, messageKey, message.providerMessageId(), message.attachments());
    }

    /** Queues the fetch of the call's {@code PENDING} recording, in the caller's transaction. */
    public Uni<Void> enqueue(ChannelAccount channel, String messageKey, CallReceived call) {
        return enqueue(channel, messageKey, call.providerMessageId(), call.attachments());
    }

    /** The attachments with the fetchable ones {@code PENDING} under their ids; the very same list when there is nothing to fetch. */
    private static List<Attachment> marked(ChannelAccount channel, String providerMessageId, List<Attachment> attachments) {
        if (!PROVIDERS.contains(channel.type()) || attachments == null || attachments.isEmpty()) {
            return attachments;
        }
        List<Attachment> marked = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            marked.add(fetchable(a)
                    ? a.kept(Attachment.idOf(channel.id(), providerMessageId, i), AttachmentStatus.PENDING, null, null, null, null)
                    : a);
        }
        return marked;
    }

    private Uni<Void> enqueue(ChannelAccount channel, String messageKey, String providerMessageId, List<Attachment> attachments) {
        if (!PROVIDERS.contains(channel.type()) || attachments == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AttachmentFetch> queued = attachments.stream().filter(a -> a.status() == AttachmentStatus.PENDING && a.id() != null)
                .map(a -> job(channel, messageKey, providerMessageId, a, now)).toList();
        return jobs.enqueue(queued);
    }

    private static boolean fetchable(Attachment a) {
        return a.status() == null && reference(a) != null;
    }

    private static String reference(Attachment a) {
        return a.mediaId() != null ? a.mediaId() : a.fileId() != null ? a.fileId() : a.url();
    }

    private static AttachmentFetch job(ChannelAccount channel, String messageKey, String providerMessageId, Attachment a, Instant now) {
        AttachmentFetch job = new AttachmentFetch();
        job.attachmentId = UUID.fromString(a.id());
        job.tenant = channel.tenant();
        job.channelId = channel.id();
        job.provider = channel.type();
        job.reference = reference(a);
        job.fileName = a.name();
        job.messageKey = messageKey;
        job.providerMessageId = providerMessageId;
        job.nextAttemptAt = now;
        job.createdAt = now;
        return job;
    }
}
