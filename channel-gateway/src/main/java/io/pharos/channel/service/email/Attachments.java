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
 * {@code sha256} and scan. A part over the tenant's limits (one file's size; in the mail's order,
 * the files and bytes of one message) is not kept: it travels as {@code FAILED} with the reason,
 * and the message still arrives.
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
        String tenant = channel.tenant();
        long maxBytes = limits.maxFileBytes(tenant);
        long maxMessageBytes = limits.maxMessageBytes(tenant);
        int maxFiles = limits.maxFilesPerMessage(tenant);
        long[] kept = { 0, 0 }; // files and bytes kept so far, in the mail's order
        return Multi.createFrom().range(0, attachments.size())
                .onItem().transformToUniAndConcatenate(i -> {
                    EmailParser.Attachment part = attachments.get(i);
                    String refused = part.content() == null ? "The part could not be read from the email."
                            : part.content().length > maxBytes ? "The file is larger than this help desk accepts (" + mb(maxBytes) + ")."
                            : kept[0] >= maxFiles ? "The email carries more files than this help desk keeps of one message (" + maxFiles + ")."
                            : kept[1] + part.content().length > maxMessageBytes
                                    ? "The email's files together are larger than this help desk keeps of one message (" + mb(maxMessageBytes) + ")."
                            : null;
                    if (refused == null) {
                        kept[0]++;
                        kept[1] += part.content().length;
                    }
                    return keep(channel, part, Attachment.idOf(channel.id(), providerMessageId, i), refused);
                })
                .collect().asList();
    }

    private static String mb(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /** The part stored, or {@code FAILED} with the reason it is refused. */
    private Uni<Attachment> keep(ChannelAccount channel, EmailParser.Attachment part, UUID id, String refused) {
        Attachment described = new Attachment(part.name(), part.contentType(), part.size(), part.inline(), part.contentId(), null, null, null,
                null, null);
        if (refused != null) {
            return Uni.createFrom().item(described.kept(id, AttachmentStatus.FAILED, null, null, refused, null));
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
