package io.pharos.ticket.service.attachment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentLimits;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.StoredContent;
import io.pharos.attachments.VirusScanner;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.VirusScan;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.repository.AttachmentRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An agent's or integrator's file, kept before it is sent: within the tenant's size limit, typed by
 * its bytes (never the declared type), scanned. It belongs to no message until a reply or note names it.
 */
@ApplicationScoped
public class AttachmentUploads {

    /** File names as the customer will see them: a sane length, no path. */
    static final int MAX_NAME = 255;

    private final AttachmentStore store;
    private final VirusScanner scanner;
    private final AttachmentLimits limits;
    private final AttachmentRepository attachments;
    private final AttachmentViews views;
    private final TimeSource time;

    public AttachmentUploads(AttachmentStore store, VirusScanner scanner, AttachmentLimits limits, AttachmentRepository attachments,
            AttachmentViews views, TimeSource time) {
        this.store = store;
        this.scanner = scanner;
        this.limits = limits;
        this.attachments = attachments;
        this.views = views;
        this.time = time;
    }

    /** Refused before the bytes are read when the declared length is over the tenant's limit. */
    public void checkSize(String tenant, long size) {
        long max = limits.maxFileBytes(tenant);
        if (size > max) {
            throw ProblemException.tooLarge("attachment-too-large",
                    "The file has " + size + " bytes; this tenant accepts files of at most " + max + " bytes.");
        }
    }

    public Uni<AttachmentDto> upload(String tenant, Actor uploader, byte[] content, String fileName, String declaredType) {
        checkSize(tenant, content.length);
        if (content.length == 0) {
            throw ProblemException.badRequest("attachment-empty", "The file is empty.");
        }
        String name = fileName(fileName);
        return store.put(tenant, content, name)
                .flatMap(stored -> scanner.scan(content).map(scan -> new Kept(stored, scan)))
                .flatMap(kept -> keep(tenant, uploader, name, declaredType, kept.content(), kept.scan()));
    }

    private record Kept(StoredContent content, VirusScan scan) {
    }

    private Uni<AttachmentDto> keep(String tenant, Actor uploader, String name, String declaredType, StoredContent stored, VirusScan scan) {
        Attachment a = new Attachment();
        a.id = UUID.randomUUID();
        a.tenant = tenant;
        a.fileName = name;
        a.declaredType = declaredType;
        a.contentType = stored.contentType();
        a.size = stored.size();
        a.sha256 = stored.sha256();
        a.status = AttachmentStatus.STORED;
        a.scanVerdict = scan.verdict();
        a.scanSignature = scan.signature();
        a.uploadedBy = uploader.id();
        a.createdAt = time.now();
        a.updatedAt = a.createdAt;
        return Panache.withTransaction(() -> attachments.persist(a)).map(views::toDto);
    }

    @WithSession
    public Uni<AttachmentDto> get(String tenant, UUID id) {
        return attachments.findInTenant(tenant, id).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("Attachment", id);
            }
            return views.toDto(a);
        });
    }

    /** The last segment of what the client called it, without control characters; "file" when it gave none. */
    static String fileName(String given) {
        String name = given == null ? "" : ControlCharacters.strip(given).strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
