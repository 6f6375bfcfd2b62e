package io.pharos.ticket.service.attachment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.ContentTypes;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.VirusScan;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.repository.AttachmentRepository;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A file handed out by its signed link: the link alone is the permission (an {@code <img>} tag sends
 * no bearer token), but a caller who does send one only ever reaches their own tenant's files. What
 * a browser could run is never served as itself, and only safe image types are shown inline.
 */
@ApplicationScoped
public class AttachmentDownloads {

    /** What the content endpoint answers with. */
    public record Download(byte[] content, String contentType, String fileName, boolean inline, Duration cacheFor) {
    }

    private final AttachmentLinks links;
    private final LinkExpiry expiry;
    private final AttachmentRepository attachments;
    private final AttachmentStore store;
    private final TimeSource time;

    public AttachmentDownloads(AttachmentLinks links, LinkExpiry expiry, AttachmentRepository attachments, AttachmentStore store,
            TimeSource time) {
        this.links = links;
        this.expiry = expiry;
        this.attachments = attachments;
        this.store = store;
        this.time = time;
    }

    /** {@code callerTenant}: the tenant of the bearer token the request carried, if any. */
    public Uni<Download> content(UUID id, String token, Optional<String> callerTenant) {
        Optional<Instant> until = links.permits(id, token) ? expiry.of(token) : Optional.empty();
        if (until.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.forbidden("attachment-link-invalid",
                    "The download link is not valid for this file or has expired; ask for the attachment again for a fresh link."));
        }
        return Panache.withSession(() -> attachments.findById(id)).flatMap(a -> {
            if (a == null || callerTenant.isPresent() && !callerTenant.get().equals(a.tenant)) {
                return Uni.createFrom().failure(ProblemException.notFound("Attachment", id));
            }
            ProblemException refused = refusal(a);
            if (refused != null) {
                return Uni.createFrom().failure(refused);
            }
            return store.get(a.tenant, a.sha256).map(bytes -> {
                String type = a.contentType != null ? a.contentType : ContentTypes.detect(bytes, a.fileName == null ? "" : a.fileName);
                Duration left = Duration.between(time.now(), until.get());
                return new Download(bytes, ContentTypes.isActive(type) ? "application/octet-stream" : type,
                        a.fileName == null ? "file" : a.fileName, ContentTypes.isInlineImage(type), left.isNegative() ? Duration.ZERO : left);
            });
        });
    }

    /** Why a file with a valid link is not served, or null when it is. */
    private static ProblemException refusal(Attachment a) {
        if (a.status == AttachmentStatus.PENDING) {
            return ProblemException.conflict("attachment-not-stored", "The file is still being fetched from the channel; try again shortly.");
        }
        if (a.status == AttachmentStatus.FAILED) {
            return new ProblemException(410, "attachment-failed", "Gone",
                    "The file could not be kept" + (a.failureReason == null ? "." : ": " + a.failureReason));
        }
        if (a.scanVerdict == VirusScan.Verdict.INFECTED) {
            return new ProblemException(410, "attachment-infected", "Gone",
                    "The virus scanner found " + (a.scanSignature == null ? "malware" : a.scanSignature) + " in the file; it is never served.");
        }
        if (a.sha256 == null) {
            return new ProblemException(410, "attachment-elsewhere", "Gone",
                    "The file was received before the attachment store and is only at " + a.legacyUrl + ".");
        }
        return null;
    }
}
