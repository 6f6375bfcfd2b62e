package io.pharos.ticket.service.inbound;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.AttachmentReport;
import io.pharos.contracts.channel.VirusScan;
import io.pharos.ticket.api.InboundAttachment;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.repository.AttachmentRepository;
import io.pharos.ticket.repository.MessageRepository;
import io.pharos.ticket.service.TimeSource;
import io.pharos.ticket.service.ticket.MessageChanges;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The files of customers' messages: a row each when the message is stored, and channel-gateway's
 * report of what became of a file it fetched ({@code pharos.channel.attachment.stored/failed}),
 * which may come first. Either order ends the same (see {@link AttachmentRepository}); a change of
 * a file of a message already in a ticket reaches the live inbox like a delivery step.
 * <p>
 * Events from before the attachment store carry no status: their files are {@code STORED} when
 * channel-gateway said it kept them ({@code stored}, downloadable at its path), else {@code FAILED}
 * with the reason that only the provider's reference was kept (its link, which may have expired,
 * is still shown).
 */
@ApplicationScoped
public class InboundAttachments {

    static final String LEGACY_REASON = "Received before the attachment store: only the provider's reference was kept.";
    private static final Logger LOG = Logger.getLogger(InboundAttachments.class);

    private final AttachmentRepository attachments;
    private final MessageRepository messages;
    private final MessageChanges changes;
    private final TimeSource time;

    public InboundAttachments(AttachmentRepository attachments, MessageRepository messages, MessageChanges changes, TimeSource time) {
        this.attachments = attachments;
        this.messages = messages;
        this.changes = changes;
        this.time = time;
    }

    /** A row per file of a message just stored, in the caller's transaction. */
    Uni<Void> ofMessage(Message m, List<InboundAttachment> files) {
        Uni<Void> all = Uni.createFrom().voidItem();
        if (files == null) {
            return all;
        }
        Instant now = time.now();
        for (int i = 0; i < files.size(); i++) {
            Attachment row = row(m, files.get(i), i, now);
            all = all.flatMap(v -> attachments.upsertFromMessage(row));
        }
        return all;
    }

    static Attachment row(Message m, InboundAttachment f, int position, Instant now) {
        Attachment a = new Attachment();
        a.id = f.id();
        a.tenant = m.tenant;
        a.ticketId = m.ticketId;
        a.messageId = m.id;
        a.position = position;
        a.fileName = f.fileName();
        a.declaredType = f.declaredType();
        a.size = f.size();
        a.kind = f.kind();
        a.inline = Boolean.TRUE.equals(f.inline());
        a.contentId = f.contentId();
        a.providerReference = f.reference();
        a.createdAt = now;
        a.updatedAt = now;
        if (f.status() == null) {
            boolean kept = Boolean.TRUE.equals(f.legacyStored());
            a.status = kept ? AttachmentStatus.STORED : AttachmentStatus.FAILED;
            a.failureReason = kept ? null : LEGACY_REASON;
            a.legacyUrl = f.url();
        } else {
            a.status = f.status();
            a.sha256 = f.sha256();
            a.failureReason = f.reason();
            a.scanVerdict = f.scanVerdict() == null ? null : VirusScan.Verdict.valueOf(f.scanVerdict());
            a.scanSignature = f.scanSignature();
        }
        return a;
    }

    /** What channel-gateway made of a file; answers whether its message is already known. */
    @WithTransaction
    public Uni<Boolean> reported(String tenant, AttachmentReport report) {
        if (report.attachmentId() == null || report.status() == null || report.status() == AttachmentStatus.PENDING) {
            throw new IllegalArgumentException("an attachment report needs an attachmentId and a status STORED or FAILED");
        }
        Attachment a = new Attachment();
        a.id = report.attachmentId();
        a.tenant = tenant;
        a.status = report.status();
        a.sha256 = report.sha256();
        a.size = report.size();
        a.contentType = report.contentType();
        a.failureReason = report.status() == AttachmentStatus.FAILED ? report.reason() : null;
        a.scanVerdict = report.scan() == null ? null : report.scan().verdict();
        a.scanSignature = report.scan() == null ? null : report.scan().signature();
        a.updatedAt = time.now();
        a.createdAt = a.updatedAt;
        return attachments.upsertFromReport(a)
                .flatMap(v -> attachments.findInTenant(tenant, a.id))
                .flatMap(row -> row == null || row.messageId == null ? Uni.createFrom().<Message> nullItem()
                        : messages.findInTenant(tenant, row.messageId))
                .flatMap(m -> {
                    if (m == null) {
                        LOG.debugf("attachment %s reported before its message", a.id);
                        return Uni.createFrom().item(false);
                    }
                    return changes.record(m, MessageChanges.ATTACHMENT, null, a.updatedAt).replaceWith(true);
                });
    }
}
