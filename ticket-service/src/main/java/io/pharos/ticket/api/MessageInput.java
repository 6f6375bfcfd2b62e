package io.pharos.ticket.api;

import java.time.Instant;

import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Visibility;

/**
 * A message to add: plain text and/or HTML (sanitised on the way in). {@code author} defaults to
 * the caller (an agent) or, for integrators, the customer; {@code createdAt} is for the import of history only
 * (refused on live replies and notes, see {@link Live}).
 */
public record MessageInput(
        @Size(max = 100_000) String text,
        @Size(max = 500_000) String html,
        Visibility visibility,
        AuthorKind author,
        @Null(groups = Live.class, message = Live.NO_CLIENT_TIME) @Timestamps.Plausible Instant createdAt,
        @Size(max = 200) String externalId) {
}
