package io.pharos.channel.service.email;

import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pharos.contracts.channel.MessageReceived.Forwarded;
import io.pharos.contracts.channel.MessageReceived.Mailbox;

/**
 * The header block a mail client writes above a message it forwards inline, and the message below
 * it. Clients order and name the lines differently (Gmail and Outlook: From, Date/Sent, Subject, To;
 * Thunderbird: Subject, Date, From, To, tab-aligned; Apple Mail: From, Subject, Date, To, after a
 * blank line), in the reader's language (Από, Στάλθηκε/Ημερομηνία, Θέμα, Προς), bold in a rendering
 * of HTML ({@code *From:*}), with long lines wrapped; Apple Mail may quote the whole forward with "> ".
 */
final class ForwardedHeaders {

    private static final Pattern LINE = Pattern.compile("^[ \\t]*\\*?[ \\t]*([\\p{L}][\\p{L}.\\- ]{0,24}?)[ \\t]*\\*?[ \\t]*:[ \\t]*\\*?[ \\t]*(.*)$");
    private static final Pattern SEPARATOR = Pattern.compile("^[ \\t]*(?:_{5,}|-{2,}.*-{2,})[ \\t]*$");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\\[\\]()\"',;:]+@[^\\s<>\\[\\]()\"',;:]+\\.[^\\s<>\\[\\]()\"',;:]+");
    private static final Pattern BRACKETED = Pattern.compile("(?:<|\\[mailto:)\\s*(" + ADDRESS.pattern() + ")\\s*[>\\]]");
    /** What each client calls the lines Pharos keeps, accents and case removed. */
    private static final Map<String, String> LABELS = labels();

    private ForwardedHeaders() {
    }

    /** The forwarded message: its header block (when the client wrote one) and its text below. */
    static Forwarded read(String below, ZoneOffset senderOffset) {
        String[] lines = unquote(below).split("\n", -1);
        Map<String, String> headers = new HashMap<>();
        String last = null;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || headers.isEmpty() && SEPARATOR.matcher(line).matches()) {
                if (!headers.isEmpty()) {
                    i++;
                    break; // the blank line after the block
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            String label = m.matches() ? LABELS.get(plain(m.group(1))) : null;
            if (label != null || m.matches() && !headers.isEmpty()) {
                last = label != null ? label : plain(m.group(1));
                headers.putIfAbsent(last, m.group(2).replace("*", "").strip());
            } else if (last != null) {
                headers.merge(last, " " + line.strip(), String::concat); // a wrapped line
            } else {
                break; // no header block: the forward is its text alone
            }
        }
        StringBuilder text = new StringBuilder();
        for (int j = headers.isEmpty() ? firstNonBlank(lines) : i; j < lines.length; j++) {
            text.append(lines[j]).append('\n');
        }
        return new Forwarded(mailbox(headers.get("from")), WrittenDates.parse(headers.get("date"), senderOffset),
                blankToNull(headers.get("subject")), text.toString().strip());
    }

    /** "Jane Doe <jane@x>", "Jane Doe [mailto:jane@x]", "jane@x", "\"Doe, Jane\" <jane@x>": the mailbox, or null without an address. */
    static Mailbox mailbox(String written) {
        if (written == null) {
            return null;
        }
        String value = written.replace("*", "").strip();
        Matcher bracketed = BRACKETED.matcher(value);
        String address;
        String name;
        if (bracketed.find()) {
            address = bracketed.group(1);
            name = value.substring(0, bracketed.start()) + " " + value.substring(bracketed.end());
        } else {
            Matcher bare = ADDRESS.matcher(value);
            if (!bare.find()) {
                return null;
            }
            address = bare.group();
            name = value.substring(0, bare.start()) + " " + value.substring(bare.end());
        }
        name = name.replaceAll("[\"']", "").replaceAll("\\s+", " ").strip();
        return new Mailbox(name.isEmpty() || name.equalsIgnoreCase(address) ? null : name, address.toLowerCase(Locale.ROOT));
    }

    /** A forward quoted line by line ("> ") loses one level of quoting. */
    private static String unquote(String s) {
        boolean quoted = false;
        for (String line : s.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(">")) {
                return s;
            }
            quoted = true;
        }
        return quoted ? s.replaceAll("(?m)^> ?", "") : s;
    }

    private static int firstNonBlank(String[] lines) {
        int i = 0;
        while (i < lines.length && (lines[i].isBlank() || SEPARATOR.matcher(lines[i]).matches())) {
            i++;
        }
        return i;
    }

    private static String plain(String label) {
        return Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[.\\s]", "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        for (String from : new String[] { "from", "απο" }) {
            labels.put(from, "from");
        }
        for (String date : new String[] { "date", "sent", "ημερομηνια", "σταλθηκε", "σταλθηκαν", "απεσταλη" }) {
            labels.put(date, "date");
        }
        for (String subject : new String[] { "subject", "θεμα" }) {
            labels.put(subject, "subject");
        }
        for (String to : new String[] { "to", "προς" }) {
            labels.put(to, "to");
        }
        for (String cc : new String[] { "cc", "κοιν" }) {
            labels.put(cc, "cc");
        }
        return Map.copyOf(labels);
    }
}
