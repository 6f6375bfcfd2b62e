package io.pharos.ticket.api;

import java.time.Instant;

import io.pharos.ticket.domain.AuthorKind;

/** An emoji someone put on a message: the customer (their customer id) or an agent. */
public record ReactionDto(String emoji, AuthorKind author, String authorId, Instant at) {
}
