package io.pharos.ticket.service.attachment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.domain.Attachment;

/** Attachment rows as agents see them, each stored file with a fresh signed download link. */
@ApplicationScoped
public class AttachmentViews {

    private final AttachmentLinks links;

    public AttachmentViews(AttachmentLinks links) {
        this.links = links;
    }

    public AttachmentDto toDto(Attachment a) {
        String download = a.servable() ? links.downloadUrl(a.id) : a.legacyUrl;
        return new AttachmentDto(a.id, a.fileName, a.contentType != null ? a.contentType : a.declaredType, a.size, a.sha256, a.status,
                download, a.failureReason, a.kind, a.inline, a.contentId,
                a.scanVerdict == null ? null : new AttachmentDto.Scan(a.scanVerdict, a.scanSignature), a.providerReference);
    }

    public List<AttachmentDto> toDtos(List<Attachment> files) {
        return files.stream().map(this::toDto).toList();
    }
}
