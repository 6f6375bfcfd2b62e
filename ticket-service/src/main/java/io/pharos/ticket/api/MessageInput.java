package io.pharos.ticket.api;

import java.time.Instant;

import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Visibility;

/**
 * A message to add: plain text and/or HTML (sanitised on the way in). {@code author} defaults to
 * the caller (an agent) or, for integrators, the customer; {@code createdAt} and {@code authorId} (the
 * agent, or bot, who wrote an imported message) are for the import of history only (refused on live
 * replies and notes, see {@link Live}: a live message is written by its caller).
 */
public record MessageInput(
        @Size(max = 100_000) String text,
        @Size(max = 500_000) String html,
        Visibility visibility,
        AuthorKind author,
        @Null(groups = Live.class, message = Live.NO_CLIENT_TIME) @Timestamps.Plausible Instant createdAt,
        @Size(max = 200) String externalId,
        @Null(groups = Live.class, message = "is for the import of history only") @Size(max = 200) String authorId) {

    /** A message whose author is told by {@code author} and the caller alone (every live path). */
    public MessageInput(String text, String html, Visibility visibility, AuthorKind author, Instant createdAt, String externalId) {
        this(text, html, visibility, author, createdAt, externalId, null);
    }
}
