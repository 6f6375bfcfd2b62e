package io.pharos.ticket.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * Where the browser finds a mail's inline image ({@code <img src="cid:…">}): the Pharos download URL
 * of the message's attachment with that Content-ID, or null while there is none (not stored yet,
 * failed, never sent). The attachment code supplies it per message; {@link HtmlSanitizer#forReading}
 * applies it.
 */
@FunctionalInterface
public interface InlineImages {

    /** No attachment is known: {@code cid:} sources stay as they are (a browser loads nothing from them). */
    InlineImages NONE = contentId -> null;

    /** @param contentId the Content-ID without angle brackets, as the {@code cid:} URL names it */
    String urlOf(String contentId);

    /**
     * Where the attachment code plugs in: the inline images of several messages at once (a batched
     * GraphQL field asks for a page's), keyed by message id; a message left out has none.
     */
    interface Lookup {
        Uni<Map<UUID, InlineImages>> of(String tenant, List<UUID> messageIds);
    }

    /** Until attachments carry their Content-ID, no message has inline images Pharos can serve. */
    @ApplicationScoped
    @DefaultBean
    class NoneKnown implements Lookup {
        @Override
        public Uni<Map<UUID, InlineImages>> of(String tenant, List<UUID> messageIds) {
            return Uni.createFrom().item(Map.of());
        }
    }
}
