package io.pharos.channel.service.email;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

/**
 * What a delivery status notification (RFC 3464, inside a RFC 6522 {@code multipart/report}) says:
 * per recipient, the {@code Final-Recipient}, {@code Action}, {@code Status} and
 * {@code Diagnostic-Code} fields of its {@code message/delivery-status} part (RFC 3464 §2.3), and
 * the Message-ID of the message it is about, from the returned message ({@code message/rfc822}) or
 * its headers ({@code text/rfc822-headers}), else the report's own In-Reply-To and References.
 *
 * @param originalMessageIds the candidates for the failed message's Message-ID, the most reliable first
 */
public record DeliveryStatusNotice(List<String> originalMessageIds, List<Recipient> recipients) {

    /**
     * One per-recipient group.
     *
     * @param action {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}, lower case
     * @param status the RFC 3463 enhanced status code, e.g. {@code 5.1.1}
     * @param diagnostic the remote server's answer, without its type ({@code smtp;})
     */
    public record Recipient(String address, String action, String status, String diagnostic) {

        public boolean failed() {
            return "failed".equals(action);
        }

        public boolean delayed() {
            return "delayed".equals(action);
        }
    }

    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    public List<Recipient> failures() {
        return recipients.stream().filter(Recipient::failed).toList();
    }

    /** Reads the report from the parts the parser kept of it; null when the mail carries no delivery-status part. */
    static DeliveryStatusNotice read(List<EmailParser.Attachment> parts, String inReplyTo, List<String> references) {
        List<Recipient> recipients = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        boolean report = false;
        for (EmailParser.Attachment part : parts) {
            String type = part.contentType();
            if (part.content() == null) {
                continue;
            }
            if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                report = true;
                recipients.addAll(recipients(new String(part.content(), type.contains("global") ? StandardCharsets.UTF_8
                        : StandardCharsets.ISO_8859_1)));
            } else if (type.equals("message/rfc822") || type.equals("text/rfc822-headers") || type.equals("message/global")
                    || type.equals("message/global-headers")) {
                String id = messageId(part.content());
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        if (!report) {
            return null;
        }
        if (inReplyTo != null) {
            ids.add(inReplyTo);
        }
        if (references != null) {
            ids.addAll(references.reversed()); // the last reference is the message answered
        }
        return new DeliveryStatusNotice(List.copyOf(ids), List.copyOf(recipients));
    }

    /** The per-recipient groups: header syntax, folded lines, groups separated by blank lines; the first group is per message. */
    static List<Recipient> recipients(String body) {
        String unfolded = body.replace("\r\n", "\n").replace('\r', '\n').replaceAll("\n[ \t]+", " ");
        List<Recipient> recipients = new ArrayList<>();
        for (String group : unfolded.split("\n\\s*\n")) {
            String finalRecipient = null;
            String original = null;
            String action = null;
            String status = null;
            String diagnostic = null;
            for (String line : group.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String value = line.substring(colon + 1).strip();
                switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                    case "final-recipient" -> finalRecipient = address(value);
                    case "original-recipient" -> original = address(value);
                    case "action" -> action = value.split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
                    case "status" -> status = code(value);
                    case "diagnostic-code" -> diagnostic = afterType(value);
                    default -> {
                        // Remote-MTA, Last-Attempt-Date, Will-Retry-Until, …: not needed to tell the agent what happened
                    }
                }
            }
            String address = finalRecipient != null ? finalRecipient : original;
            if (address != null && action != null) {
                recipients.add(new Recipient(address, action, preciser(status, diagnostic), diagnostic));
            }
        }
        return recipients;
    }

    /**
     * The Status field, or the enhanced code in the diagnostic when that is more precise: Postfix reports
     * {@code Status: 5.0.0} for a remote {@code 550 5.1.1 User unknown}.
     */
    private static String preciser(String status, String diagnostic) {
        Matcher said = diagnostic == null ? null : STATUS.matcher(diagnostic);
        if (said != null && said.find() && (status == null || status.endsWith(".0.0") && status.charAt(0) == said.group(1).charAt(0))) {
            return said.group();
        }
        return status;
    }

    private static String code(String value) {
        Matcher m = STATUS.matcher(value);
        return m.find() ? m.group() : null;
    }

    /** "rfc822; nobody@example.test" → "nobody@example.test". */
    private static String address(String value) {
        String a = afterType(value).replaceAll("[<>]", "").strip();
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }

    /** "smtp; 550 5.1.1 …" → "550 5.1.1 …": RFC 3464 typed fields. */
    private static String afterType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
    }

    private static String messageId(byte[] message) {
        try {
            String[] values = new InternetHeaders(new ByteArrayInputStream(message)).getHeader("Message-ID");
            return values == null || values.length == 0 ? null : EmailParser.angle(values[0]);
        } catch (MessagingException e) {
            return null;
        }
    }
}
