package io.pharos.channel.service.email;

import java.text.Normalizer;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MailDateFormat;

/**
 * Reads the date a mail client wrote into a forwarded header block, in English or Greek, as each
 * client writes it: Thunderbird copies the RFC 5322 date ({@code Mon, 9 Mar 2026 09:30:00 +0200}),
 * Gmail writes {@code Mon, Mar 9, 2026 at 9:30 AM} / {@code Δευ, 9 Μαρ 2026 στις 9:30 π.μ.}, Outlook
 * {@code Monday, March 9, 2026 9:30 AM} / {@code Δευτέρα, 9 Μαρτίου 2026 9:30 πμ}, Apple Mail
 * {@code 9 March 2026 at 09:30:00 EET} / {@code 9 Μαρτίου 2026 στις 9:30:00 π.μ. GMT+2}. Most of
 * them give no time zone: they render in the forwarder's own zone, so the offset of the forward's
 * own Date header stands in. A date that cannot be read (an all-numeric {@code 3/9/2026} is
 * month-first in one locale and day-first in another) is no date rather than a wrong one.
 */
final class WrittenDates {

    /** Month names by their first letters, accents removed: English and Greek (nominative, genitive and abbreviated). */
    private static final List<Map.Entry<String, Integer>> MONTHS = List.of(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
            Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("ιαν", 1), Map.entry("φεβ", 2), Map.entry("μαρ", 3),
            Map.entry("απρ", 4), Map.entry("μαι", 5), Map.entry("ιουν", 6), Map.entry("ιουλ", 7), Map.entry("αυγ", 8), Map.entry("σεπ", 9),
            Map.entry("οκτ", 10), Map.entry("νοε", 11), Map.entry("δεκ", 12));
    /** The zone abbreviations mail clients print for the zones Pharos's customers live in. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("wet", 0),
            Map.entry("west", 60), Map.entry("bst", 60), Map.entry("cet", 60), Map.entry("cest", 120), Map.entry("eet", 120),
            Map.entry("eest", 180), Map.entry("est", -300), Map.entry("edt", -240), Map.entry("cst", -360), Map.entry("cdt", -300),
            Map.entry("mst", -420), Map.entry("mdt", -360), Map.entry("pst", -480), Map.entry("pdt", -420));
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("(?:^|\\s)(?:gmt|utc)?([+-])(\\d{1,2})(?::?(\\d{2}))?(?=\\s|$)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+|\\d+");

    private WrittenDates() {
    }

    /**
     * @param written the date as the header block states it
     * @param fallback the offset to read a date without a zone in (the forwarder's own), or null
     */
    static Instant parse(String written, ZoneOffset fallback) {
        if (written == null || written.isBlank()) {
            return null;
        }
        Instant rfc = rfc5322(written);
        if (rfc != null) {
            return rfc;
        }
        String s = plain(written);
        Matcher time = TIME.matcher(s);
        if (!time.find()) {
            return null;
        }
        String date = s.substring(0, time.start());
        String after = " " + s.substring(time.end()) + " ";
        Integer year = null;
        Integer month = null;
        Integer day = null;
        Matcher words = WORD.matcher(date);
        while (words.find()) {
            String w = words.group();
            if (Character.isDigit(w.charAt(0))) {
                int n = Integer.parseInt(w);
                if (w.length() == 4) {
                    year = n;
                } else if (day == null && n >= 1 && n <= 31) {
                    day = n;
                }
            } else if (month == null) {
                month = month(w);
            }
        }
        if (year == null || month == null || day == null) {
            return null;
        }
        int hour = Integer.parseInt(time.group(1));
        int minute = Integer.parseInt(time.group(2));
        int second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
        String marker = after.replace(".", "");
        if (marker.matches("(?s).*\\s(pm|μμ)\\s.*") && hour < 12) {
            hour += 12;
        } else if (marker.matches("(?s).*\\s(am|πμ)\\s.*") && hour == 12) {
            hour = 0;
        }
        ZoneOffset offset = offset(after);
        if (offset == null) {
            offset = fallback;
        }
        if (offset == null) {
            return null;
        }
        try {
            return LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second)).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant rfc5322(String written) {
        if (!written.matches("(?s).*\\d{1,2}\\s+[A-Za-z]{3}\\s+\\d{4}\\s+\\d{1,2}:\\d{2}.*")) {
            return null;
        }
        try {
            return new MailDateFormat().parse(written.strip()).toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** Lower case, without accents or commas: "Δευτέρα, 9 Μαρτίου" → "δευτερα 9 μαρτιου". */
    private static String plain(String s) {
        String stripped = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT).replace(',', ' ').replaceAll("\\s+", " ").strip();
    }

    private static Integer month(String word) {
        for (Map.Entry<String, Integer> m : MONTHS) {
            if (word.startsWith(m.getKey())) {
                return m.getValue();
            }
        }
        return null;
    }

    private static ZoneOffset offset(String after) {
        Matcher numeric = NUMERIC_OFFSET.matcher(after);
        try {
            if (numeric.find()) {
                int hours = Integer.parseInt(numeric.group(2));
                int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
                int sign = "-".equals(numeric.group(1)) ? -1 : 1;
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
        } catch (DateTimeException e) {
            return null;
        }
        Matcher words = WORD.matcher(after);
        while (words.find()) {
            Integer minutes = ZONES.get(words.group());
            if (minutes != null) {
                return ZoneOffset.ofTotalSeconds(minutes * 60);
            }
        }
        return null;
    }
}
