package io.pharos.ticket.service.attachment;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.attachments.AttachmentLimits;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.OutboundAttachment;
import io.pharos.contracts.channel.VirusScan;
import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.repository.AttachmentRepository;
import io.smallrye.mutiny.Uni;

/**
 * The uploads an agent sends with a reply or keeps with a note: the tenant's own, stored, clean and
 * not sent with another message yet, within the tenant's limits per message; a public reply's also
 * what its channel carries ({@link ChannelFileRules}). Anything else refuses the whole message.
 */
@ApplicationScoped
public class ReplyAttachments {

    private final AttachmentRepository attachments;
    private final AttachmentLimits limits;
    private final AttachmentViews views;
    private final Set<String> mmsChannels;

    public ReplyAttachments(AttachmentRepository attachments, AttachmentLimits limits, AttachmentViews views,
            @ConfigProperty(name = "pharos.replies.mms-channels") Optional<Set<String>> mmsChannels) {
        this.attachments = attachments;
        this.limits = limits;
        this.views = views;
        this.mmsChannels = mmsChannels.orElse(Set.of());
    }

    /** The named uploads in the order given, checked; none when {@code ids} is empty. */
    public Uni<List<Attachment>> uploads(String tenant, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            return Uni.createFrom().failure(ProblemException.badRequest("attachment-repeated", "attachmentIds names a file twice."));
        }
        int maxFiles = limits.maxFilesPerMessage(tenant);
        if (ids.size() > maxFiles) {
            return Uni.createFrom().failure(ProblemException.tooLarge("too-many-attachments",
                    "A message may carry at most " + maxFiles + " files; this one names " + ids.size() + "."));
        }
        return attachments.inTenant(tenant, ids).map(found -> {
            Map<UUID, Attachment> byId = found.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
            List<Attachment> files = ids.stream().map(id -> usable(id, byId.get(id))).toList();
            long total = files.stream().mapToLong(a -> a.size == null ? 0 : a.size).sum();
            long maxBytes = limits.maxMessageBytes(tenant);
            if (total > maxBytes) {
                throw ProblemException.tooLarge("attachments-too-large",
                        "The files have " + total + " bytes together; a message may carry at most " + maxBytes + " bytes.");
            }
            return files;
        });
    }

    private static Attachment usable(UUID id, Attachment a) {
        if (a == null) {
            throw ProblemException.unprocessable("attachment-unknown", "There is no uploaded file " + id + ".");
        }
        if (a.messageId != null) {
            throw ProblemException.conflict("attachment-already-sent", "\"" + a.fileName + "\" (" + id + ") was sent with another message.");
        }
        if (a.status != AttachmentStatus.STORED || a.sha256 == null) {
            throw ProblemException.unprocessable("attachment-not-stored", "\"" + a.fileName + "\" (" + id + ") is not stored.");
        }
        if (a.scanVerdict == VirusScan.Verdict.INFECTED) {
            throw ProblemException.unprocessable("attachment-infected",
                    "\"" + a.fileName + "\" (" + id + ") is infected (" + a.scanSignature + ") and is never sent.");
        }
        return a;
    }

    /** Refuses files a public reply on this channel (from this account) cannot carry. */
    public void checkChannel(Channel channel, String channelId, List<Attachment> files) {
        if (files.isEmpty()) {
            return;
        }
        Optional<String> why = ChannelFileRules.refusal(channel, channelId != null && mmsChannels.contains(channelId), files);
        if (why.isPresent()) {
            throw ProblemException.unprocessable("attachment-not-supported", "The reply cannot carry its files: " + why.get() + ".");
        }
    }

    /** Links the checked uploads to their message; another message that took one meanwhile refuses this one. */
    public Uni<Void> link(String tenant, List<Attachment> files, UUID ticketId, UUID messageId, Instant at) {
        if (files.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return attachments.link(tenant, files.stream().map(a -> a.id).toList(), ticketId, messageId, at).map(linked -> {
            if (linked != files.size()) {
                throw ProblemException.conflict("attachment-already-sent", "One of the files was sent with another message meanwhile.");
            }
            return null;
        });
    }

    /** A message's files as agents see them (after {@link #link}). */
    public Uni<List<AttachmentDto>> ofMessage(String tenant, UUID messageId) {
        return attachments.ofMessages(tenant, List.of(messageId)).map(views::toDtos);
    }

    /** What channel-gateway needs to send them: metadata and the content's address, never the bytes. */
    public static List<OutboundAttachment> outbound(List<Attachment> files) {
        return files.stream().map(a -> new OutboundAttachment(a.id, a.fileName, a.contentType, a.size, a.sha256)).toList();
    }
}
