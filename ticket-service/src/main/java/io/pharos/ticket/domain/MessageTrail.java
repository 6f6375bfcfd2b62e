package io.pharos.ticket.domain;

import java.util.List;


/** What happened to one message after it was written: delivery steps, replaced texts, reactions, each oldest first. */
public record MessageTrail(List<DeliveryStep> steps, List<MessageRevision> revisions, List<MessageReaction> reactions) {

    public static final MessageTrail NONE = new MessageTrail(List.of(), List.of(), List.of());
}
