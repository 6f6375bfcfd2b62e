package io.pharos.channel.service.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.channel.domain.StoredAttachment;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.repository.AttachmentRepository;
import io.pharos.contracts.channel.Attachment;
import io.smallrye.mutiny.Uni;

/**
 * Keeps what customers attach, up to {@code pharos.attachments.max-bytes} each (larger ones
 * travel as metadata only, {@code stored: false}), before the message's event is published, so
 * the event can point at it: {@code url} = {@code /api/v1/attachments/{id}} on channel-gateway.
 */
@ApplicationScoped
public class Attachments {

    private final AttachmentRepository repository;
    private final long maxBytes;

    public Attachments(AttachmentRepository repository, @ConfigProperty(name = "pharos.attachments.max-bytes", defaultValue = "5242880") long maxBytes) {
        this.repository = repository;
        this.maxBytes = maxBytes;
    }

    /** Stores the attachments of one message and answers their descriptions for the event, in the same order. */
    public Uni<List<Attachment>> keep(ChannelAccount channel, String providerMessageId, List<EmailParser.Attachment> attachments) {
        List<StoredAttachment> stored = new ArrayList<>();
        List<Attachment> described = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            EmailParser.Attachment a = attachments.get(i);
            UUID id = UUID.nameUUIDFromBytes((channel.id() + "|" + providerMessageId + "|" + i).getBytes(StandardCharsets.UTF_8));
            boolean keep = a.content() != null && a.content().length <= maxBytes;
            if (keep) {
                stored.add(new StoredAttachment(id, channel.tenant(), a.name(), a.contentType(), a.size(), a.content()));
            }
            described.add(new Attachment(a.name(), a.contentType(), a.size(), a.inline(), a.contentId(), keep,
                    keep ? id.toString() : null, keep ? "/api/v1/attachments/" + id : null, null, null));
        }
        return repository.insert(channel.tenant(), channel.id(), providerMessageId, stored).replaceWith(described);
    }

    public Uni<StoredAttachment> find(String tenant, UUID id) {
        return repository.find(tenant, id);
    }
}
