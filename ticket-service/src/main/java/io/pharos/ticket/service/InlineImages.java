package io.pharos.ticket.service;

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
}
