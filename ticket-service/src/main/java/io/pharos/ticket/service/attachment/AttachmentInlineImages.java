package io.pharos.ticket.service.attachment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.repository.AttachmentRepository;
import io.pharos.ticket.service.InlineImages;
import io.smallrye.mutiny.Uni;

/**
 * A mail's inline images ({@code <img src="cid:…">}) at the signed download links of the message's
 * attachments with those Content-IDs: one query for all the messages of a read. A part not stored
 * (pending, failed, infected) has no link, and its image stays blank.
 */
@ApplicationScoped
public class AttachmentInlineImages implements InlineImages.Lookup {

    private final AttachmentRepository attachments;
    private final AttachmentLinks links;

    public AttachmentInlineImages(AttachmentRepository attachments, AttachmentLinks links) {
        this.attachments = attachments;
        this.links = links;
    }

    @Override
    public Uni<Map<UUID, InlineImages>> of(String tenant, List<UUID> messageIds) {
        return attachments.ofMessages(tenant, messageIds).map(AttachmentInlineImages::byMessage).map(byMessage -> {
            Map<UUID, InlineImages> images = new HashMap<>();
            byMessage.forEach((message, files) -> {
                Map<String, String> urls = new HashMap<>();
                files.forEach(a -> urls.put(bare(a.contentId), links.downloadUrl(a.id)));
                images.put(message, urls::get);
            });
            return images;
        });
    }

    private static Map<UUID, List<Attachment>> byMessage(List<Attachment> files) {
        Map<UUID, List<Attachment>> grouped = new HashMap<>();
        for (Attachment a : files) {
            if (a.contentId != null && a.servable() && a.messageId != null) {
                grouped.computeIfAbsent(a.messageId, m -> new ArrayList<>()).add(a);
            }
        }
        return grouped;
    }

    /** A Content-ID as {@code cid:} URLs name it: without the angle brackets of the MIME header. */
    static String bare(String contentId) {
        String id = contentId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }
}
