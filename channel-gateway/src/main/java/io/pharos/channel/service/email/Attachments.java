package io.pharos.channel.service.email;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentLimits;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.VirusScanner;
import io.pharos.channel.domain.StoredAttachment;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.repository.AttachmentRepository;
import io.pharos.contracts.channel.Attachment;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps what customers attach to an email (inline {@code cid:} parts too) in the attachment store
 * before the message's event is published, so the event carries each part {@code STORED} with its
 * {@code sha256} and scan. A part over the tenant's {@code maxFileBytes} is not kept: it travels as
 * {@code FAILED} with the reason, and the message still arrives.
 * <p>
 * Mail taken in before the store existed kept its parts in the {@code attachment} table; those
 * rows are still served by {@code GET /api/v1/attachments/{id}} (the {@code url} of old events)
 * and nothing new is written there.
 */
@ApplicationScoped
public class Attachments {

    private final AttachmentRepository legacy;
    private final AttachmentStore store;
    private final VirusScanner scanner;
    private final AttachmentLimits limits;

    public Attachments(AttachmentRepository legacy, AttachmentStore store, VirusScanner scanner, AttachmentLimits limits) {
        this.legacy = legacy;
        this.store = store;
        this.scanner = scanner;
        this.limits = limits;
    }

    /** Stores the attachments of one message and answers their descriptions for the event, in the same order. */
    public Uni<List<Attachment>> keep(ChannelAccount channel, String providerMessageId, List<EmailParser.Attachment> attachments) {
        long maxBytes = limits.maxFileBytes(channel.tenant());
        return Multi.createFrom().range(0, attachments.size())
                .onItem().transformToUniAndConcatenate(i -> keep(channel, attachments.get(i),
                        Attachment.idOf(channel.id(), providerMessageId, i), maxBytes))
                .collect().asList();
    }

    private Uni<Attachment> keep(ChannelAccount channel, EmailParser.Attachment part, UUID id, long maxBytes) {
        Attachment described = new Attachment(part.name(), part.contentType(), part.size(), part.inline(), part.contentId(), null, null, null,
                null, null);
        if (part.content() == null) {
            return Uni.createFrom().item(described.kept(id, AttachmentStatus.FAILED, null, null, "The part could not be read from the email.",
                    null));
        }
        if (part.content().length > maxBytes) {
            return Uni.createFrom().item(described.kept(id, AttachmentStatus.FAILED, null, null,
                    "The file is larger than this help desk accepts (" + maxBytes / (1024 * 1024) + " MB).", null));
        }
        return store.put(channel.tenant(), part.content(), part.name())
                .flatMap(stored -> scanner.scan(part.content())
                        .map(scan -> described.kept(id, AttachmentStatus.STORED, stored.sha256(), stored.size(), null, scan)));
    }

    /** A part kept before the store existed, if it exists in this tenant. */
    public Uni<StoredAttachment> find(String tenant, UUID id) {
        return legacy.find(tenant, id);
    }
}
