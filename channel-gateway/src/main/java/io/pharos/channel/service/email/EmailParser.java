package io.pharos.channel.service.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import io.pharos.contracts.channel.MessageReceived.Forwarded;
import io.pharos.contracts.channel.MessageReceived.Mailbox;

/**
 * Turns a raw RFC 822 message into what Pharos needs, with Jakarta Mail (Angus): sender, subject
 * (encoded words decoded, e.g. Greek in UTF-8 or ISO-8859-7), the text and HTML bodies in their
 * charsets (multipart/alternative and mixed, nested), attachments and inline images as metadata
 * with their size, the threading headers, Cc and Reply-To, and the new text separated from the
 * quoted reply or the forwarded message ({@link WrittenBody}; a message attached as
 * {@code message/rfc822} is a forward too). Auto-replies (RFC 3834 {@code Auto-Submitted}, vacation
 * headers) and bounces are recognised so that they never open a ticket or start a loop; a bounce's
 * delivery status notification is read ({@link DeliveryStatusNotice}).
 */
public final class EmailParser {

    public enum Kind {
        MESSAGE, AUTO_REPLY, BOUNCE
    }

    /** {@code content}: the decoded bytes (kept by the caller only up to its size cap). */
    public record Attachment(String name, String contentType, long size, boolean inline, String contentId, byte[] content) {
    }

    /**
     * @param cc the Cc mailboxes, names decoded; {@code replyTo} likewise, empty when the mail has no Reply-To
     * @param forwarded the message forwarded inline or attached, below the writer's note ({@code text})
     * @param deliveryStatus a bounce's delivery status notification, when it has one
     */
    public record ParsedEmail(Kind kind, String messageId, String inReplyTo, List<String> references, String fromAddress,
            String fromName, String subject, String text, String quotedText, String html, List<Attachment> attachments,
            Instant sentAt, List<Mailbox> cc, List<Mailbox> replyTo, Forwarded forwarded, DeliveryStatusNotice deliveryStatus) {
    }

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})\\s*(?:\\(.*\\))?\\s*$");

    private EmailParser() {
    }

    public static ParsedEmail parse(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        Bodies bodies = new Bodies();
        collect(message, bodies);
        InternetAddress from = from(message);
        Kind kind = kind(message);
        String subject = subject(message);
        String inReplyTo = angle(header(message, "In-Reply-To"));
        List<String> references = references(header(message, "References"));
        WrittenBody.Split split = WrittenBody.split(normaliseNewlines(plainText(bodies)), subject, offset(header(message, "Date")));
        Forwarded forwarded = split.forwarded();
        if (forwarded == null && kind == Kind.MESSAGE) {
            forwarded = attachedForward(bodies.attachments);
        }
        return new ParsedEmail(kind, angle(header(message, "Message-ID")), inReplyTo, references,
                from == null ? null : from.getAddress().toLowerCase(Locale.ROOT), from == null ? null : from.getPersonal(), subject,
                split.text(), split.quoted(), bodies.html.length() > 0 ? bodies.html.toString() : null, List.copyOf(bodies.attachments),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(), mailboxes(message, "Cc"),
                mailboxes(message, "Reply-To"), forwarded,
                kind == Kind.BOUNCE ? DeliveryStatusNotice.read(bodies.attachments, inReplyTo, references) : null);
    }

    private static String plainText(Bodies bodies) {
        return bodies.text.length() > 0 ? bodies.text.toString() : bodies.html.length() > 0 ? htmlToText(bodies.html.toString()) : "";
    }

    /**
     * A message attached whole (Outlook's "Forward as attachment", Thunderbird's "Forward As ▸ Attachment"):
     * the first one is the forward; it stays an attachment too.
     */
    private static Forwarded attachedForward(List<Attachment> attachments) throws IOException {
        for (Attachment a : attachments) {
            if (a.contentType().equals("message/rfc822") && a.content() != null) {
                try {
                    MimeMessage inner = new MimeMessage(SESSION, new ByteArrayInputStream(a.content()));
                    Bodies bodies = new Bodies();
                    collect(inner, bodies);
                    InternetAddress from = from(inner);
                    return new Forwarded(from == null ? null : new Mailbox(from.getPersonal(), from.getAddress().toLowerCase(Locale.ROOT)),
                            inner.getSentDate() == null ? null : inner.getSentDate().toInstant(), subject(inner),
                            normaliseNewlines(plainText(bodies)).strip());
                } catch (MessagingException e) {
                    return null; // not a readable message: it stays an attachment only
                }
            }
        }
        return null;
    }

    /** The mailboxes of an address header (Cc, Reply-To), their RFC 2047 names decoded; an unreadable header gives none. */
    private static List<Mailbox> mailboxes(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, ",");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(MimeUtility.unfold(value), false);
        } catch (AddressException e) {
            return List.of();
        }
        List<Mailbox> mailboxes = new ArrayList<>();
        for (InternetAddress a : parsed) {
            if (a.getAddress() != null && a.getAddress().contains("@") && !a.isGroup()) {
                String personal = a.getPersonal();
                mailboxes.add(new Mailbox(personal == null || personal.isBlank() ? null : personal.strip(),
                        a.getAddress().toLowerCase(Locale.ROOT)));
            }
        }
        return List.copyOf(mailboxes);
    }

    /** The writer's UTC offset as their Date header states it ("… +0200"), or null. */
    static ZoneOffset offset(String date) {
        if (date == null) {
            return null;
        }
        Matcher m = OFFSET.matcher(date.strip());
        if (!m.find()) {
            return null;
        }
        try {
            int sign = "-".equals(m.group(1)) ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(2)), sign * Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static final class Bodies {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<Attachment> attachments = new ArrayList<>();
    }

    private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
        String disposition = part.getDisposition();
        String filename = decode(part.getFileName());
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || filename != null && !part.isMimeType("text/*")
                || part.isMimeType("image/*") || part.isMimeType("application/*") || part.isMimeType("audio/*")
                || part.isMimeType("video/*");
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            if (part.isMimeType("multipart/alternative")) {
                // the richest rendering of each kind: the last text/plain and the last text/html
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), bodies);
                }
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        } else if (part.isMimeType("message/*") || part.isMimeType("text/rfc822-headers")) {
            // a forwarded or returned message, a bounce's report: kept whole, never read as the mail's own text
            byte[] content = bytes(part);
            bodies.attachments.add(new Attachment(filename != null ? filename : "message.eml", baseType(part), content.length, false, null,
                    content));
        } else if (attachment) {
            String contentId = part instanceof BodyPart bp ? angle(firstHeader(bp, "Content-ID")) : null;
            byte[] content = bytes(part);
            bodies.attachments.add(new Attachment(filename != null ? filename : "attachment", baseType(part), content.length,
                    Part.INLINE.equalsIgnoreCase(disposition) || contentId != null, contentId, content));
        } else if (part.isMimeType("text/plain")) {
            append(bodies.text, readText(part));
        } else if (part.isMimeType("text/html")) {
            append(bodies.html, readText(part));
        }
    }

    private static void append(StringBuilder body, String text) {
        if (body.length() > 0) {
            body.append("\n\n");
        }
        body.append(text);
    }

    /** The text of a part in its declared charset; an unknown charset falls back to UTF-8 rather than failing. */
    static String readText(Part part) throws MessagingException, IOException {
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        Charset cs;
        try {
            cs = charset == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(charset));
        } catch (RuntimeException e) {
            cs = StandardCharsets.UTF_8;
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            if (cs == StandardCharsets.US_ASCII && !isAscii(bytes)) {
                cs = StandardCharsets.UTF_8; // undeclared 8-bit text: most mail clients mean UTF-8
            }
            return new String(bytes, cs);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String baseType(Part part) throws MessagingException {
        return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    }

    static Kind kind(MimeMessage m) throws MessagingException {
        String contentType = m.getContentType() == null ? "" : m.getContentType().toLowerCase(Locale.ROOT);
        String from = header(m, "From");
        String returnPath = header(m, "Return-Path");
        if (contentType.contains("multipart/report") && contentType.contains("delivery-status")
                || "<>".equals(returnPath != null ? returnPath.strip() : null)
                || from != null && from.toLowerCase(Locale.ROOT).matches(".*\\b(mailer-daemon|postmaster)@.*")) {
            return Kind.BOUNCE;
        }
        String autoSubmitted = header(m, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no")
                || header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null
                || "auto_reply".equalsIgnoreCase(strip(header(m, "X-Auto-Response-Suppress")))
                || Arrays.asList("bulk", "junk", "auto_reply").contains(lower(header(m, "Precedence")))) {
            return Kind.AUTO_REPLY;
        }
        return Kind.MESSAGE;
    }

    /** [new text, quoted text]: everything from the first quote marker on is the quote. */
    static String[] splitQuote(String text) {
        WrittenBody.Split split = WrittenBody.split(text, null, null);
        return new String[] { split.text(), split.quoted() };
    }

    private static String subject(MimeMessage m) throws MessagingException {
        String raw = m.getHeader("Subject", null);
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw)).strip();
        } catch (UnsupportedEncodingException e) {
            return raw.strip();
        }
    }

    private static InternetAddress from(MimeMessage m) throws MessagingException {
        var addresses = m.getFrom();
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        return addresses[0] instanceof InternetAddress a ? a : null;
    }

    static String decode(String s) {
        if (s == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(s);
        } catch (UnsupportedEncodingException e) {
            return s;
        }
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String firstHeader(BodyPart p, String name) throws MessagingException {
        String[] values = p.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** "<id@host>" → "id@host". */
    public static String angle(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
    }

    static List<String> references(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<([^<>\\s]+)>").matcher(header);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String normaliseNewlines(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A plain rendering of an HTML-only mail (the HTML itself is kept and sanitised by ticket-service). */
    static String htmlToText(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>", "\n")
                .replaceAll("(?s)<[^>]+>", "").replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
