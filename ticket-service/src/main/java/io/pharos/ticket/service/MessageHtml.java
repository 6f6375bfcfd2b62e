package io.pharos.ticket.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Messages' stored HTML as an agent reads it (REST and GraphQL alike): inline images at their
 * Pharos URLs, remote images inert unless {@code remoteImages} (see {@link HtmlSanitizer}).
 */
@ApplicationScoped
public class MessageHtml {

    private final InlineImages.Lookup inlineImages;

    public MessageHtml(InlineImages.Lookup inlineImages) {
        this.inlineImages = inlineImages;
    }

    /** The inline images of the messages with HTML among these, for one read. */
    public Uni<Map<UUID, InlineImages>> inlineImagesOf(String tenant, List<UUID> messageIds) {
        return messageIds.isEmpty() ? Uni.createFrom().item(Map.of()) : inlineImages.of(tenant, messageIds);
    }

    /** The HTML of each message, in their order; null where a message has none. */
    public <M> Uni<List<String>> forReading(String tenant, List<M> messages, Function<M, UUID> id, Function<M, String> storedHtml,
            boolean remoteImages) {
        List<UUID> withHtml = messages.stream().filter(m -> storedHtml.apply(m) != null).map(id).toList();
        if (withHtml.isEmpty()) {
            return Uni.createFrom().item(messages.stream().map(m -> (String) null).toList());
        }
        return inlineImagesOf(tenant, withHtml).map(byMessage -> messages.stream()
                .map(m -> HtmlSanitizer.forReading(storedHtml.apply(m), remoteImages,
                        byMessage.getOrDefault(id.apply(m), InlineImages.NONE)))
                .toList());
    }
}
