package io.pharos.channel.service.email;

import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pharos.contracts.channel.MessageReceived.Forwarded;

/**
 * The plain text of a mail as the writer's client laid it out: their own words, then either the
 * earlier messages they answer (a quote, kept apart in {@code quoted}) or a message they forward
 * (kept whole in {@code forwarded}). The markers are those of Gmail, Outlook (desktop, web and
 * mobile), Apple Mail and Thunderbird, in English and Greek (see src/test/resources/mail/README.md).
 * Outlook uses one separator for both, so its header block is a forward only when the subject
 * says so ({@code FW:}, {@code ΠΡΘ:}).
 */
final class WrittenBody {

    /** {@code text}: the writer's own words; {@code quoted} or {@code forwarded} what follows them, when anything does. */
    record Split(String text, String quoted, Forwarded forwarded) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE;

    /** Lines that announce a forward whatever the subject: Gmail, Thunderbird and Apple Mail, in English and Greek. */
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "^[ \\t>]*(?:-{5,}[ \\t]*(?:Forwarded message|Προωθημένο μήνυμα)[ \\t]*-{5,}"
                    + "|(?:Begin forwarded message|Έναρξη προωθημένου μηνύματος)[ \\t]*:)[ \\t]*$", FLAGS);
    /** Outlook's separators: the underscore rule above a header block, "-----Original Message-----", or the block alone. */
    private static final List<Pattern> OUTLOOK_SEPARATORS = List.of(
            Pattern.compile("^[ \\t]*_{20,}[ \\t]*\\R(?:[ \\t]*\\R)*[ \\t*]*(?:From|Από)[ \\t*]*:", FLAGS),
            Pattern.compile("^[ \\t]*-{2,}[ \\t]*(?:Original Message|Αρχικό μήνυμα)[ \\t]*-{2,}[ \\t]*$", FLAGS),
            Pattern.compile("^[ \\t*]*(?:From|Από)[ \\t*]*:.*\\R[ \\t*]*(?:Sent|Date|Στάλθηκε|Ημερομηνία)[ \\t*]*:", FLAGS));
    /** Where a reply's quote begins in the other clients: "On … wrote:" (Gmail, Apple Mail, Thunderbird), its Greek form, "> " lines. */
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            Pattern.compile("^[ \\t]*On\\b.{0,300}?\\bwrote:[ \\t]*$", FLAGS | Pattern.DOTALL),
            Pattern.compile("^[ \\t]*Στις[ \\t].{0,300}?έγραψε:[ \\t]*$", FLAGS | Pattern.DOTALL),
            Pattern.compile("^>", Pattern.MULTILINE));
    /** Subjects of a forward: Gmail, Apple Mail, Thunderbird "Fwd:", Outlook "FW:", Greek Outlook "ΠΡΘ:". */
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(?:fwd?|πρθ|προωθ\\.?|προώθ\\.?|προώθηση)\\s*:", FLAGS);

    private WrittenBody() {
    }

    /**
     * @param text the mail's plain text, newlines normalised to LF
     * @param subject the mail's subject: says whether an Outlook header block is a forward
     * @param senderOffset the writer's UTC offset (from the Date header), for dates written without one
     */
    static Split split(String text, String subject, ZoneOffset senderOffset) {
        int quote = earliest(ATTRIBUTIONS, text);
        int outlook = earliest(OUTLOOK_SEPARATORS, text);
        Matcher marker = FORWARD_MARKER.matcher(text);
        int forward = -1;
        int below = -1;
        if (marker.find() && (outlook < 0 || marker.start() < outlook)) {
            forward = marker.start();
            below = marker.end();
        } else if (outlook >= 0 && forwardSubject(subject)) {
            forward = outlook; // Outlook's forward: a header block below a rule, no marker line of its own
            below = outlook;
        }
        // a ">"-quoted forward (Apple Mail's plain text) starts where its quote does
        if (forward >= 0 && (quote < 0 || forward <= quote)) {
            return new Split(text.substring(0, forward).strip(), null, ForwardedHeaders.read(text.substring(below), senderOffset));
        }
        int cut = min(quote, outlook);
        if (cut <= 0) {
            return new Split(text.strip(), null, null);
        }
        return new Split(text.substring(0, cut).strip(), text.substring(cut).strip(), null);
    }

    /** Whether a subject names a forward. */
    static boolean forwardSubject(String subject) {
        return subject != null && FORWARD_SUBJECT.matcher(subject).find();
    }

    private static int earliest(List<Pattern> patterns, String text) {
        int cut = -1;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            if (m.find() && (cut < 0 || m.start() < cut)) {
                cut = m.start();
            }
        }
        return cut;
    }

    private static int min(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
