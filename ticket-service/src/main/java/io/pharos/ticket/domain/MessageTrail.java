package io.pharos.ticket.domain;

import java.util.List;


/**
 * What belongs to one message besides its row: delivery steps, replaced texts, reactions (each oldest
 * first) and its files (in their order).
 */
public record MessageTrail(List<DeliveryStep> steps, List<MessageRevision> revisions, List<MessageReaction> reactions,
        List<Attachment> attachments) {

    public static final MessageTrail NONE = new MessageTrail(List.of(), List.of(), List.of(), List.of());

    public MessageTrail withAttachments(List<Attachment> files) {
        return new MessageTrail(steps, revisions, reactions, files);
    }
}
