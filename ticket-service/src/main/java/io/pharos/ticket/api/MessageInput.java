package io.pharos.ticket.api;

import java.time.Instant;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Visibility;

/**
 * A message to add: plain text and/or HTML (sanitised on the way in). {@code author} defaults to
 * the caller (an agent) or, for integrators, the customer; {@code createdAt} and {@code authorId} (the
 * agent, or bot, who wrote an imported message) are for the import of history only (refused on live
 * replies and notes, see {@link Live}: a live message is written by its caller).
 * An agent's public reply may name the channel account to send from ({@code channelId}; by default
 * the one the customer last wrote to), copy email addresses ({@code cc}, {@code bcc}; the ticket's
 * participants are copied anyway) or, on a WhatsApp ticket, send an approved {@code template}
 * instead of text. An agent's reply or note may carry files uploaded before ({@code attachmentIds},
 * {@code POST /api/v1/attachments}), each sent once.
 */
public record MessageInput(
        @Size(max = 100_000) String text,
        @Size(max = 500_000) String html,
        Visibility visibility,
        AuthorKind author,
        @Null(groups = Live.class, message = Live.NO_CLIENT_TIME) @Timestamps.Plausible Instant createdAt,
        @Size(max = 200) String externalId,
        @Null(groups = Live.class, message = "is for the import of history only") @Size(max = 200) String authorId,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}", message = "must be a channel id (lower-case letters, digits and dashes, 3 to 64)") String channelId,
        @Size(max = MAX_COPIES) List<@NotBlank @Email @Size(max = 320) String> cc,
        @Size(max = MAX_COPIES) List<@NotBlank @Email @Size(max = 320) String> bcc,
        @Valid TemplateUse template,
        @Size(max = MAX_ATTACHMENTS) List<@NotNull UUID> attachmentIds) {

    /** At most this many addresses in {@code cc}, and as many in {@code bcc}. */
    public static final int MAX_COPIES = 20;

    /** No more ids than this in {@code attachmentIds} (the tenant's own limit, checked later, is usually lower). */
    public static final int MAX_ATTACHMENTS = 100;

    /** A reply or note without files. */
    public MessageInput(String text, String html, Visibility visibility, AuthorKind author, Instant createdAt, String externalId,
            String authorId, String channelId, List<String> cc, List<String> bcc, TemplateUse template) {
        this(text, html, visibility, author, createdAt, externalId, authorId, channelId, cc, bcc, template, null);
    }

    /** A message whose author is told by {@code author} and the caller alone (every live path). */
    public MessageInput(String text, String html, Visibility visibility, AuthorKind author, Instant createdAt, String externalId) {
        this(text, html, visibility, author, createdAt, externalId, null);
    }

    /** A message with no sending account, copies or template of its own choosing (imports, channels). */
    public MessageInput(String text, String html, Visibility visibility, AuthorKind author, Instant createdAt, String externalId,
            String authorId) {
        this(text, html, visibility, author, createdAt, externalId, authorId, null, null, null, null);
    }
}
